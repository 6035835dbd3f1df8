#!/usr/bin/env python3
"""Writes tiny_v73.mat, the MAT-reader test fixture: a MATLAB v7.3 (HDF5) file with the
MixtureAgentsModels layout that MatTwoStepReader reads (see docs/data-formats.md), holding made-up
values for two rats of 12 trials each. Never real data.

Layout as MATLAB writes it: a 512-byte user block with the MAT header text; a top-level dataset
`ratdatas`, a 1xN cell (HDF5 object references, MATLAB_class "cell") pointing at groups under
`#refs#`, one struct per rat (MATLAB_class "struct"); char arrays as uint16 code units
(MATLAB_int_decode 2), numeric vectors as 1xN doubles, stored transposed like MATLAB does.

Usage (Debian: apt-get install python3-h5py):
    python3 scripts/make-tiny-mat.py hmmrnn-core/src/test/resources/io/github/hmmrnn/io/tiny_v73.mat
The expected dataset is written out in MatFixtureTest, so rerunning this script must give a file
that reads to the same values.
"""
import sys

import h5py
import numpy as np

NAN = float("nan")

# Rat "R01", congruent (common => port = choice); trial 4 is a violation ('v' port), trial 7 is
# forced (better_choices NaN), a new session starts at trial 7, trial 12 has a NaN event time.
R01 = dict(
    ratname="R01", p_congruent=0.8,
    sides1="lrrlrllrlrlr", sides2="lrlvrlrrllll",
    trans_common=[1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 0],
    rewards=[1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1],
    new_sess=[1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0],
    viols=[0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    better_choices=[1, 0, 1, 0, 1, 0, NAN, 1, 0, 1, 0, 1],
)
# Rat "R02", mirrored (common => port = 1 - choice); its first trial is a violation, so its first
# session starts at trial 2; trial 9 is forced.
R02 = dict(
    ratname="R02", p_congruent=0.2,
    sides1="rlrlrrllrlrl", sides2="vrrrlllrlrrl",
    trans_common=[1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0],
    rewards=[0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0],
    new_sess=[1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    viols=[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    better_choices=[0, 1, 0, 1, 0, 1, 0, 1, NAN, 0, 1, 0],
)


def chars(group, name, text):
    d = group.create_dataset(name, data=np.array([[ord(c)] for c in text], dtype=np.uint16))
    d.attrs["MATLAB_class"] = np.bytes_("char")
    d.attrs["MATLAB_int_decode"] = np.int32(2)


def doubles(group, name, values):
    d = group.create_dataset(name, data=np.array([values], dtype=np.float64))
    d.attrs["MATLAB_class"] = np.bytes_("double")


def rat(refs, key, r):
    g = refs.create_group(key)
    g.attrs["MATLAB_class"] = np.bytes_("struct")
    n = len(r["sides1"])
    chars(g, "ratname", r["ratname"])
    doubles(g, "p_congruent", [r["p_congruent"]])
    d = g.create_dataset("sides1", data=np.array([[ord(c) for c in r["sides1"]]], dtype=np.uint16))
    d.attrs["MATLAB_class"] = np.bytes_("char")
    d = g.create_dataset("sides2", data=np.array([[ord(c) for c in r["sides2"]]], dtype=np.uint16))
    d.attrs["MATLAB_class"] = np.bytes_("char")
    for f in ("trans_common", "rewards", "new_sess", "viols", "better_choices"):
        doubles(g, f, [float(x) for x in r[f]])
    t = np.arange(n, dtype=np.float64)
    s2 = 10 * t + 4
    if r["ratname"] == "R01":
        s2[11] = NAN
    for f, v in (("c1_times", 10 * t + 1), ("s1_times", 10 * t + 2), ("c2_times", 10 * t + 3), ("s2_times", s2)):
        doubles(g, f, list(v))
    doubles(g, "nTrials", [float(n)])
    return g


def main(path):
    with h5py.File(path, "w", userblock_size=512, libver="earliest") as f:
        refs = f.create_group("#refs#")
        a = rat(refs, "a", R01)
        b = rat(refs, "b", R02)
        cell = f.create_dataset("ratdatas", data=np.array([[a.ref, b.ref]], dtype=h5py.ref_dtype))
        cell.attrs["MATLAB_class"] = np.bytes_("cell")
    header = b"MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 ."
    with open(path, "r+b") as f:
        f.write(header.ljust(116, b" ") + b"\x00" * 8 + b"\x00\x02IM")


if __name__ == "__main__":
    main(sys.argv[1])
