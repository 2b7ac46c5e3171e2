"""Reusable widgets of the defexplore app."""
