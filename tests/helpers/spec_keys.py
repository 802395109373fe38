"""The keys `check --json` promises (docs/json.md), shared by the tests that hold output to them."""

#: The ``interference`` block.
INTERFERENCE_KEYS = {
    "rms_typical",
    "rms_simulated",
    "max_simulated",
    "max_features",
    "jl_bound",
    "welch_bound",
    "capacity_typical",
    "capacity_notes",
}
