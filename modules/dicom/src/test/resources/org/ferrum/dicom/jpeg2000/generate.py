#!/usr/bin/env python3
"""Regenerates the JPEG 2000 test codestreams of Jpeg2000DecoderTest (needs numpy and OpenJPEG's
opj_compress, Debian package libopenjp2-tools). Each case is a synthetic image (smooth sinusoid, noise of
+-3, one column alternating between the extremes) written as raw planar big-endian samples, compressed
losslessly (reversible 5/3 wavelet, the OpenJPEG default) into a bare codestream NAME.j2k, and stored as
NAME.expected: the samples as little-endian int32, interleaved, row-major (DecodedImage's layout).
The codestreams come from an encoder independent of the codec under test."""
import os, subprocess, tempfile
import numpy as np

CASES = [  # name, width, height, components, min, max, bits, signed, extra opj_compress options
    ("grey12_37x23", 37, 23, 1, 0, 4095, 12, "u", ["-n", "4"]),
    ("grey16_tiled_40x29", 40, 29, 1, 0, 65535, 16, "u", ["-n", "3", "-t", "16,16"]),
    ("signed16_layers_33x21", 33, 21, 1, -32768, 32767, 16, "s", ["-n", "3", "-r", "20,5,1", "-p", "RPCL"]),
    ("signed12_19x17", 19, 17, 1, -2048, 2047, 12, "s", ["-n", "2", "-SOP", "-EPH"]),
    ("rgb8_mct_26x15", 26, 15, 3, 0, 255, 8, "u", ["-n", "3", "-mct", "1"]),
]

def image(w, h, c, lo, hi, seed):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    out = np.zeros((h, w, c), dtype=np.int64)
    for b in range(c):
        smooth = 0.5 + 0.45 * np.sin(0.3 * x - 0.2 * y + b)
        v = np.round(lo + smooth * (hi - lo)).astype(np.int64) + rng.integers(-3, 4, size=(h, w))
        v[:, 5] = np.where(y[:, 5] % 2 == 0, lo, hi)
        out[:, :, b] = np.clip(v, lo, hi)
    return out

here = os.path.dirname(os.path.abspath(__file__))
for seed, (name, w, h, c, lo, hi, bits, sg, extra) in enumerate(CASES):
    a = image(w, h, c, lo, hi, seed)
    dtype = "u1" if bits <= 8 else (">i2" if sg == "s" else ">u2")
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, name + ".raw")
        np.transpose(a, (2, 0, 1)).astype(dtype).tofile(raw)
        subprocess.run(["opj_compress", "-i", raw, "-o", os.path.join(here, name + ".j2k"),
                        "-F", f"{w},{h},{c},{bits},{sg}"] + extra, check=True, capture_output=True)
    a.astype("<i4").tofile(os.path.join(here, name + ".expected"))
