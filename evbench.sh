#!/usr/bin/env bash
# back-to-back: 1000 exact steps with and without the event log, 3 runs each, alternating
cd /work/main
for i in 1 2 3; do
  for mode in off on; do
    rm -rf /tmp/evb; mkdir /tmp/evb
    if [[ $mode == on ]]; then extra=(--conf spark.eventLog.enabled=true --conf spark.eventLog.dir=/tmp/evb); else extra=(); fi
    line="$(submit/train --master 'local[2]' --train-size 10000 --epochs 1 "${extra[@]}" 2>&1 | grep -E '^.*Epoch 0:')"
    echo "run $i eventlog=$mode bytes=$(du -sb /tmp/evb | cut -f1) $line"
  done
done
