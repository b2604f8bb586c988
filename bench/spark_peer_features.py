"""The usual peer's features: the standard set computed with pandas and TA-Lib per instrument, as a
team would rewrite it for Spark's ``applyInPandas``. bench/spark_vs_mlflow.py first checks that
these reproduce Ferry's values (1e-9), so the two sides of the benchmark do the same work."""

from __future__ import annotations

import numpy as np
import pandas as pd
import talib

FEATURES = [
    "sma_5", "sma_10", "sma_20", "sma_50", "ema_12", "ema_26", "rsi_14", "macd", "macd_signal", "macd_hist",
    "bb_upper_20", "bb_middle_20", "bb_lower_20", "atr_14", "obv", "stoch_k", "stoch_d", "willr_14", "cci_14", "adx_14",
    "roc_10", "mom_10", "return_1", "log_return_1", "return_lag_1", "return_lag_2", "return_lag_3", "return_lag_4",
    "return_lag_5", "volatility_20", "hl_range", "close_sma_ratio_20", "close_sma_ratio_50", "bb_width_20",
    "bb_percent_b_20", "volume_sma_10", "volume_ratio_10", "vwap_20", "corr_returns_20",
]
WARM_UP = 49


def aligned_reference(dates: pd.Series, reference: pd.Series, max_age_days: int = 7) -> np.ndarray:
    """The reference's latest observation at or before each date, at most 7 days old (Ferry's
    default calendar alignment); NaN otherwise."""
    observed = reference.dropna().sort_index()
    left = pd.DataFrame({"date": pd.to_datetime(dates).values.astype("datetime64[ns]")})
    right = pd.DataFrame({"date": observed.index.values.astype("datetime64[ns]"), "value": observed.to_numpy(dtype=np.float64)})
    joined = pd.merge_asof(left, right, on="date", direction="backward", tolerance=pd.Timedelta(days=max_age_days))
    return joined["value"].to_numpy(dtype=np.float64)


def rolling_correlation(x: np.ndarray, y: np.ndarray, period: int) -> np.ndarray:
    """Pearson correlation over the last ``period`` pairs (NaN with a missing one, 0 when flat)."""
    frame = pd.DataFrame({"x": x, "y": y})
    valid = frame.notna().all(axis=1).rolling(period).sum() == period
    sx, sy = frame["x"].rolling(period).sum(), frame["y"].rolling(period).sum()
    sxx, syy = (frame["x"] ** 2).rolling(period).sum(), (frame["y"] ** 2).rolling(period).sum()
    sxy = (frame["x"] * frame["y"]).rolling(period).sum()
    var_x, var_y = sxx - sx * sx / period, syy - sy * sy / period
    correlation = ((sxy - sx * sy / period) / np.sqrt(var_x * var_y)).clip(-1, 1)
    correlation[(var_x <= 1e-300) | (var_y <= 1e-300)] = 0.0
    return np.where(valid, correlation, np.nan)


def features(bars: pd.DataFrame, reference: pd.Series) -> pd.DataFrame:
    """One instrument's features, its bars sorted by ``date``; the warm-up rows dropped."""
    bars = bars.sort_values("date")
    high, low, close = (bars[c].to_numpy(dtype=np.float64) for c in ("High", "Low", "Close"))
    volume = bars["Volume"].to_numpy(dtype=np.float64)
    out = {}
    for period in (5, 10, 20, 50):
        out[f"sma_{period}"] = talib.SMA(close, period)
    out["ema_12"], out["ema_26"] = talib.EMA(close, 12), talib.EMA(close, 26)
    out["rsi_14"] = talib.RSI(close, 14)
    out["macd"], out["macd_signal"], out["macd_hist"] = talib.MACD(close, 12, 26, 9)
    upper, middle, lower = talib.BBANDS(close, 20, 2, 2, 0)
    out["bb_upper_20"], out["bb_middle_20"], out["bb_lower_20"] = upper, middle, lower
    out["atr_14"] = talib.ATR(high, low, close, 14)
    out["obv"] = talib.OBV(close, volume)
    out["stoch_k"], out["stoch_d"] = talib.STOCH(high, low, close, 14, 3, 0, 3, 0)
    out["willr_14"] = talib.WILLR(high, low, close, 14)
    out["cci_14"] = talib.CCI(high, low, close, 14)
    out["adx_14"] = talib.ADX(high, low, close, 14)
    out["roc_10"], out["mom_10"] = talib.ROC(close, 10), talib.MOM(close, 10)
    returns = np.concatenate([[np.nan], close[1:] / close[:-1] - 1])
    out["return_1"], out["log_return_1"] = returns, np.log1p(returns)
    for lag in range(1, 6):
        out[f"return_lag_{lag}"] = np.concatenate([np.full(lag, np.nan), returns[:-lag]])
    out["volatility_20"] = pd.Series(returns).rolling(20).std(ddof=1).to_numpy()
    out["hl_range"] = (high - low) / close
    out["close_sma_ratio_20"], out["close_sma_ratio_50"] = close / out["sma_20"], close / out["sma_50"]
    width = upper - lower
    out["bb_width_20"] = width / middle
    out["bb_percent_b_20"] = np.where(width == 0, 0.5, (close - lower) / np.where(width == 0, 1, width))
    average_volume = talib.SMA(volume, 10)
    out["volume_sma_10"] = average_volume
    out["volume_ratio_10"] = np.where(average_volume == 0, 1.0, volume / np.where(average_volume == 0, 1, average_volume))
    typical = (high + low + close) / 3
    weighted, total = pd.Series(typical * volume).rolling(20).sum(), pd.Series(volume).rolling(20).sum()
    out["vwap_20"] = np.where(total == 0, typical, weighted / total.where(total != 0, 1))
    reference_values = aligned_reference(bars["date"], reference)
    reference_returns = np.concatenate([[np.nan], reference_values[1:] / reference_values[:-1] - 1])
    out["corr_returns_20"] = rolling_correlation(returns, reference_returns, 20)
    table = pd.DataFrame(out, columns=FEATURES)
    table.insert(0, "date", bars["date"].to_numpy())
    table.insert(0, "instrument", bars["instrument"].iloc[0])
    return table.iloc[WARM_UP:].reset_index(drop=True)
