"""Helpers shared by the tests: brute force, the app driver, the tmux driver."""
