"""Work order pages. Each view validates its input and calls a service; none changes state."""
