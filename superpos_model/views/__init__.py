"""What the screens draw, as data over computed results: curves, marks, series.

Pure functions of a model result (a check report, an interference analysis, a
walkthrough step) with no further simulation.  Presentation choices — axis
windows, ticks, labels, titles — are the app's.  The core model never imports
this package.
"""
