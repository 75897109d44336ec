"""The demo plant (`wrench demo`) and the synthetic plant for benchmarks (`wrench synth`).

It sits on top of every domain app: it builds its plant through the services people use,
so it may import any of them, and none of them imports it.
"""
