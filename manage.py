#!/usr/bin/env python
"""Same as the `wrench` command; kept for Django habits."""

from wrench.cli import main

if __name__ == "__main__":
    main()
