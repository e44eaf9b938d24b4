#!/usr/bin/env python3
"""Peer figure for `qinflux-bench cache`: the aioinflux user guide's caching recipe ("Caching query
results": DataFrame.to_pickle / read_pickle with xz compression) on the gen_data.py cpu shape.

usage: PYENV_VERSION=system python3 peer_cache_recipe.py [N] [PATH_TO_SHARED_BENCH]
"""
import os, sys, time, tempfile
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/bench"))
import gen_data
n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
cols = gen_data.cpu_columns(n)
df = gen_data.dataframe("cpu", cols)
d = tempfile.mkdtemp()
p = os.path.join(d, "entry")
t0 = time.perf_counter(); df.to_pickle(p, compression="xz"); store = time.perf_counter() - t0
import pandas as pd
times = []
for _ in range(3):
    t0 = time.perf_counter(); back = pd.read_pickle(p, compression="xz"); times.append(time.perf_counter() - t0)
assert back.equals(df)
times.sort()
print(f"# store {store:.3f} s; runs {['%.3f' % t for t in times]}", file=sys.stderr)
print(f"cache_aioinflux_recipe_hit_s\t{times[1]:.4f}\ts")
print(f"cache_aioinflux_recipe_file_bytes\t{os.path.getsize(p)}\tbytes")
os.remove(p); os.rmdir(d)
