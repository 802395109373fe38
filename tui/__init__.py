"""superpos-tui: the Textual app and the command line over :mod:`superpos_model`."""
