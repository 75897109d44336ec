"""The start page and the navigation every page shows, per role.

It sits on top: it reads work orders (and any app's pages), and no domain app imports it.
"""
