"""Route-server fan-out benchmark driven by bench/run_fanout.py: a netns lab,
one route-server daemon at a time (meshbgp, BIRD, FRR, GoBGP, OpenBGPD),
meshbgp-loadgen as every client, and the figures that come out."""
