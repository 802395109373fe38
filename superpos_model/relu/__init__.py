"""The nonlinear readout ŷ = ReLU(a·WᵀW·y − b): exact values, approximations, optimum, simulation."""
