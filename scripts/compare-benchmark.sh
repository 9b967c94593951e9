#!/usr/bin/env bash
# Compares the all-four pass of two release builds of wds-benchmark, taking turns on one input.
#
#   scripts/compare-benchmark.sh BEFORE_BINARY AFTER_BINARY INPUT.csv [ROUNDS]
#
# Each run writes into a folder of its own under $WORK (default /tmp/wds-compare), and the
# folders are removed only at the end: on a file system that checks recently deleted inodes
# (ext4 without a journal, as on this project's machine) creating thousands of files is slow
# for minutes after thousands were deleted, which would charge SWF's per-school messages for
# the previous run's clean-up. Each run's files are truncated instead (their space freed, their
# inodes kept), so that long series fit on the disk. Prints one JSON line per run; the medians
# (and the medians of each round's after/before ratio) are what to compare.
set -eu
before=$1 after=$2 input=$3 rounds=${4:-5}
work=${WORK:-/tmp/wds-compare}/$$
mkdir -p "$work"
for round in $(seq 1 "$rounds"); do
  # The order is swapped every round, so that neither build always follows the other: a run can
  # slow the next (the kernel still writing its output back), and in a fixed order the build that
  # follows the heavier writer would always pay for it (2026-12-07: 1.07 in a fixed order, 0.935
  # swapped, for the same two builds).
  order="before after"; [ $((round % 2)) = 0 ] && order="after before"
  for which in $order; do
    binary=$before; [ "$which" = after ] && binary=$after
    mkdir -p "$work/$which-$round"
    echo "$round $which $("$binary" --phase project:swf,ascwds,lges,csww "$input" "$work/$which-$round")"
    # Free the run's disk space (about 1 GB at national scale) without freeing its inodes.
    find "$work/$which-$round" -type f -exec truncate -s 0 {} +
  done
done
rm -rf "$work"
