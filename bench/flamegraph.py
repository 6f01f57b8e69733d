#!/usr/bin/env python3
"""Draws a flame graph (SVG) from collapsed stacks ("frame;frame;frame count" a line), as
async-profiler writes them with its `collapsed` output.

Usage: bench/flamegraph.py STACKS.collapsed OUT.svg [title]
Each frame's width is its share of the samples; hovering shows the frame and its share. Colours
tell the code apart: the project's (io/vtgoconnect) blue, JAIN-SIP's (gov/nist, javax/sip) green,
the JDK's yellow, the JVM's own (GC, compiler) and the kernel's red.
"""
import html
import sys

WIDTH = 1800
ROW = 16
MIN_PIXELS = 1.0


def colour(frame):
    if frame.startswith("io/vtgoconnect"):
        return "#7aa6e0"
    if frame.startswith(("gov/nist", "javax/sip")):
        return "#8fd18f"
    if "/" in frame and not frame.startswith("["):
        return "#f0d070"
    return "#f08070"


def tree(lines):
    root = {"n": 0, "kids": {}}
    for line in lines:
        line = line.rstrip("\n")
        if not line or " " not in line:
            continue
        stack, count = line.rsplit(" ", 1)
        count = int(count)
        root["n"] += count
        node = root
        for frame in stack.split(";"):
            node = node["kids"].setdefault(frame, {"n": 0, "kids": {}})
            node["n"] += count
    return root


def depth_of(node):
    return 1 + max((depth_of(kid) for kid in node["kids"].values()), default=0)


def draw(node, name, x, depth, total, height, out):
    width = WIDTH * node["n"] / total
    if width < MIN_PIXELS:
        return
    y = height - (depth + 1) * ROW
    share = 100.0 * node["n"] / total
    label = html.escape(name)
    out.append(f'<g><title>{label} ({node["n"]} samples, {share:.2f}%)</title>'
               f'<rect x="{x:.2f}" y="{y}" width="{width:.2f}" height="{ROW - 1}" fill="{colour(name)}"/>')
    chars = int(width / 7)
    if chars > 3:
        text = name if len(name) <= chars else name[: chars - 2] + ".."
        out.append(f'<text x="{x + 2:.2f}" y="{y + ROW - 4}">{html.escape(text)}</text>')
    out.append("</g>")
    for kid_name, kid in sorted(node["kids"].items()):
        draw(kid, kid_name, x, depth + 1, total, height, out)
        x += WIDTH * kid["n"] / total


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: flamegraph.py STACKS.collapsed OUT.svg [title]")
    with open(sys.argv[1]) as stacks:
        root = tree(stacks)
    if root["n"] == 0:
        sys.exit(f"{sys.argv[1]} holds no samples")
    title = sys.argv[3] if len(sys.argv) > 3 else sys.argv[1]
    depth = depth_of(root)
    height = depth * ROW + 40
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" font-family="monospace" '
           f'font-size="11"><rect width="100%" height="100%" fill="white"/>',
           f'<text x="4" y="16" font-size="14">{html.escape(title)} ({root["n"]} samples)</text>']
    x = 0.0
    for name, kid in sorted(root["kids"].items()):
        draw(kid, name, x, 0, root["n"], height, out)
        x += WIDTH * kid["n"] / root["n"]
    out.append("</svg>")
    with open(sys.argv[2], "w") as svg:
        svg.write("\n".join(out))


if __name__ == "__main__":
    main()
