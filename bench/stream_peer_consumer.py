#!/usr/bin/env python3
"""The peer of `ferry stream` in bench/stream_consumer.sh: the consumer a Python team would write
with redis-py, talipp's incremental indicators (the TA-Lib 21 series' equivalents: talipp has no
form of the rest of Ferry's 39 features, so the peer does less work per bar) and a linear model
as a numpy dot, with the same guarantees' mechanics: XREADGROUP batches, a SQLite log unique per
(stream, entry id) committed per batch, predictions XADDed to an output stream in one pipeline,
XACK after the commit. One shard; prints one JSON line: bars, predictions, active seconds.

    stream_peer_consumer.py REDIS_URL STREAM OUT_STREAM LOG.sqlite
"""
import json
import sqlite3
import sys
import time

import numpy as np
import redis
from talipp import indicators as tp
from talipp.ohlcv import OHLCV

WARM_UP = 49


class Instrument:
    """One instrument's incremental indicators."""

    def __init__(self):
        self.closes = [tp.SMA(5), tp.SMA(20), tp.EMA(12), tp.EMA(26), tp.RSI(14), tp.MACD(12, 26, 9), tp.BB(20, 2.0), tp.ROC(10)]
        self.candles = [tp.ATR(14), tp.OBV(), tp.Stoch(14, 3), tp.Williams(14), tp.CCI(14), tp.ADX(14, 14)]
        self.volume = tp.SMA(10)
        self.bars = 0
        self.last_time = None

    def push(self, high, low, close, volume):
        """The bar's feature row (the indicators' latest values), or None during the warm-up."""
        self.bars += 1
        for indicator in self.closes:
            indicator.add(close)
        candle = OHLCV(None, high, low, close, volume)
        for indicator in self.candles:
            indicator.add(candle)
        self.volume.add(volume)
        if self.bars <= WARM_UP:
            return None
        row = []
        for indicator in self.closes + self.candles + [self.volume]:
            value = indicator[-1]
            if hasattr(value, "__dict__"):
                row.extend(float(v) for v in vars(value).values() if isinstance(v, (int, float)))
            else:
                row.append(float(value) if value is not None else float("nan"))
        return row


def main():
    url, stream, out, log_path = sys.argv[1:5]
    client = redis.Redis.from_url(url)
    try:
        client.xgroup_create(stream, "peer", id="0", mkstream=True)
    except redis.ResponseError:
        pass
    log = sqlite3.connect(log_path)
    log.execute("PRAGMA journal_mode=WAL")
    log.execute("PRAGMA synchronous=NORMAL")
    log.execute("CREATE TABLE IF NOT EXISTS prediction (stream TEXT, entry_id TEXT, instrument TEXT, as_of TEXT, value REAL, "
                "PRIMARY KEY (stream, entry_id))")
    instruments, weights = {}, None
    bars = predictions = 0
    started = None
    while True:
        reply = client.xreadgroup("peer", "peer-1", {stream: ">"}, count=500, block=1000)
        if not reply:
            break
        started = started or time.perf_counter()
        entries = reply[0][1]
        scored = []
        for entry_id, fields in entries:
            name = fields[b"instrument"].decode()
            state = instruments.setdefault(name, Instrument())
            row = state.push(float(fields[b"high"]), float(fields[b"low"]), float(fields[b"close"]), float(fields[b"volume"]))
            if row is not None:
                scored.append((entry_id.decode(), name, fields[b"time"].decode(), row))
        bars += len(entries)
        if scored:
            matrix = np.array([row for *_, row in scored])
            if weights is None:
                weights = np.random.default_rng(42).normal(size=matrix.shape[1]) * 1e-4
            values = np.nan_to_num(matrix) @ weights
            with log:
                log.executemany("INSERT OR IGNORE INTO prediction VALUES (?, ?, ?, ?, ?)",
                                [(stream, e, n, t, float(v)) for (e, n, t, _), v in zip(scored, values)])
            pipe = client.pipeline(transaction=False)
            for (entry_id, name, time_text, _), value in zip(scored, values):
                pipe.xadd(out, {"entry": entry_id, "instrument": name, "time": time_text, "prediction": repr(float(value))})
            pipe.execute()
            predictions += len(scored)
        client.xack(stream, "peer", *[entry_id for entry_id, _ in entries])
        finished = time.perf_counter()
    print(json.dumps({"bars_in": bars, "predictions_out": predictions, "active_seconds": finished - started}))


if __name__ == "__main__":
    main()
