"""The app's screens: each mode and its dialogs."""
