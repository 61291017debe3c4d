#!/usr/bin/python3
"""Trains the agent reader's sentence model: one binary logistic regression per rule (T-3, T-4,
P-3, M-1, §4; a sentence may break several, 'clean' is all of them negative) over the hashed
features of src/core/read-agent/sentence-features.ts, exported by
scripts/export-sentence-features.ts (Python never re-implements extraction).

    /usr/bin/python3 scripts/train_sentence_model.py                    # leave-one-source-out report, thresholds, model
    /usr/bin/python3 scripts/train_sentence_model.py --hold-out=blind   # a model without one source, to score the whole reader on it

Debian's python3-sklearn. Deterministic: rows in export order, lbfgs, fixed random_state.

Thresholds (precision first): per rule, the lowest t in THRESHOLDS at which the model's own
findings are right at least PRECISION of the time on the pooled leave-one-source-out
predictions (each source scored by a model that never saw it). The reader adds a model finding
only above it, and only where the rule's context holds (read-agent.ts).

Writes
- src/core/read-agent/model/sentence-model.json: rules, intercepts, the kept buckets and their
  int16 weights (one scale), thresholds, the rows' sha256 and the library versions;
- test/fixtures/training/sentence-model-scores.json: sklearn's probabilities (of the model as
  shipped, dequantised weights) on every FIXTURE_EVERY-th row, which a TS test matches to 1e-6;
- test/fixtures/training/sentence-model-loso.json: the leave-one-source-out figures.
"""
import base64
import hashlib
import json
import platform
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import scipy
import scipy.sparse as sp
import sklearn
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
MODEL_OUT = ROOT / 'src/core/read-agent/model/sentence-model.json'
SCORES_OUT = ROOT / 'test/fixtures/training/sentence-model-scores.json'
LOSO_OUT = ROOT / 'test/fixtures/training/sentence-model-loso.json'
RULES = ['T-3', 'T-4', 'P-3', 'M-1', '§4']
HASH_BITS = 18
DIM = 1 << HASH_BITS
C = float(next((a.split('=', 1)[1] for a in sys.argv if a.startswith('--C=')), '8'))
MIN_DF = 2
SEED = 0
PRECISION = 0.9
THRESHOLDS = [round(0.5 + 0.05 * i, 2) for i in range(10)]
FIXTURE_EVERY = 9
HOLD_OUT = next((a.split('=', 1)[1] for a in sys.argv if a.startswith('--hold-out=')), None)


def export_rows():
    out = subprocess.run(['node', 'bin/run-ts.js', 'scripts/export-sentence-features.ts'], cwd=ROOT, check=True, capture_output=True)
    return [json.loads(l) for l in out.stdout.decode('utf8').splitlines() if l.strip()], hashlib.sha256(out.stdout).hexdigest()


def matrix(rows):
    indptr, indices, data = [0], [], []
    for r in rows:
        for i, v in r['x']:
            indices.append(i)
            data.append(v)
        indptr.append(len(indices))
    return sp.csr_matrix((np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64), np.array(indptr)), shape=(len(rows), DIM))


class Model:
    """One LR per rule over the buckets seen in at least MIN_DF training rows."""

    def __init__(self, X, Y):
        df = np.asarray((X != 0).sum(axis=0)).ravel()
        self.columns = np.where(df >= MIN_DF)[0]
        Xc = X[:, self.columns]
        self.clfs = []
        for j in range(Y.shape[1]):
            clf = LogisticRegression(C=C, max_iter=5000, solver='lbfgs', random_state=SEED)
            clf.fit(Xc, Y[:, j])
            self.clfs.append(clf)

    def proba(self, X):
        Xc = X[:, self.columns]
        return np.column_stack([clf.predict_proba(Xc)[:, 1] for clf in self.clfs])


def pr(y, p, t):
    pred = p >= t
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    return tp, fp, fn, (tp / (tp + fp) if tp + fp else None), (tp / (tp + fn) if tp + fn else None)


def fmt(x):
    return '  —  ' if x is None else f'{x:.3f}'


def main():
    rows, sha = export_rows()
    X = matrix(rows)
    Y = np.array([[1 if r in row['labels'] else 0 for r in RULES] for row in rows])
    sources = np.array([r['source'] for r in rows])
    print(f'{len(rows)} rows; sources {dict(sorted(Counter(sources).items()))}; positives {dict(zip(RULES, Y.sum(axis=0).tolist()))}')

    # Leave one source out: each source scored by a model trained on the others.
    oos = np.zeros(Y.shape)
    for s in sorted(set(sources)):
        tr, te = np.where(sources != s)[0], np.where(sources == s)[0]
        oos[te] = Model(X[tr], Y[tr]).proba(X[te])
    thresholds = {}
    for j, r in enumerate(RULES):
        ok = [t for t in THRESHOLDS if (pr(Y[:, j], oos[:, j], t)[3] or 0) >= PRECISION]
        thresholds[r] = ok[0] if ok else THRESHOLDS[-1]
    loso = {'about': 'Leave-one-source-out figures of the sentence model alone (scripts/train_sentence_model.py), at the shipped thresholds.', 'C': C, 'thresholds': thresholds, 'sources': {}}
    print(f'leave-one-source-out, model alone, thresholds {thresholds}')
    print('  source     rule   tp  fp  fn  precision recall')
    for s in sorted(set(sources)) + ['pooled']:
        sel = np.arange(len(rows)) if s == 'pooled' else np.where(sources == s)[0]
        loso['sources'][s] = {}
        for j, r in enumerate(RULES):
            tp, fp, fn, p, rc = pr(Y[sel, j], oos[sel, j], thresholds[r])
            loso['sources'][s][r] = {'tp': tp, 'fp': fp, 'fn': fn, 'precision': p, 'recall': rc}
            print(f'  {s:10s} {r:5s} {tp:3d} {fp:3d} {fn:3d}  {fmt(p)}     {fmt(rc)}')
    LOSO_OUT.write_text(json.dumps(loso, indent=1, ensure_ascii=False) + '\n', 'utf8')

    if HOLD_OUT:
        # A model that never saw one source, written over the shipped one, to score the whole reader
        # (rules + model) on that source; retrain without --hold-out afterwards.
        keep_rows = np.where(sources != HOLD_OUT)[0]
        X, Y, rows = X[keep_rows], Y[keep_rows], [rows[i] for i in keep_rows]
    full = Model(X, Y)
    coef = np.vstack([c.coef_[0] for c in full.clfs])
    scale = float(np.abs(coef).max()) / 32767.0
    q = np.round(coef / scale).astype(np.int16)
    keep = np.abs(q).max(axis=0) > 0
    for j, c in enumerate(full.clfs):
        c.coef_ = (q[j].astype(np.float64) * scale).reshape(1, -1)
    buckets = full.columns[keep].astype(np.uint32)
    order = np.argsort(buckets)
    weights = np.ascontiguousarray(q[:, keep][:, order].T)
    MODEL_OUT.parent.mkdir(parents=True, exist_ok=True)
    MODEL_OUT.write_text(json.dumps({
        'format': 'settle-sentence-1',
        'rules': RULES,
        'hashBits': HASH_BITS,
        'intercept': [float(c.intercept_[0]) for c in full.clfs],
        'scale': scale,
        'thresholds': thresholds,
        'buckets': base64.b64encode(buckets[order].astype('<u4').tobytes()).decode('ascii'),
        'weights': base64.b64encode(weights.astype('<i2').tobytes()).decode('ascii'),
        'trainedOn': {'rows': len(rows), 'featuresSha256': sha, 'C': C, 'minDf': MIN_DF},
        'versions': {'python': platform.python_version(), 'numpy': np.__version__, 'scipy': scipy.__version__, 'sklearn': sklearn.__version__},
    }, ensure_ascii=False) + '\n', 'utf8')
    if HOLD_OUT:
        print(f'wrote {MODEL_OUT.relative_to(ROOT)} WITHOUT source {HOLD_OUT}: score it, then retrain without --hold-out')
        return
    fixture = list(range(0, len(rows), FIXTURE_EVERY))
    P = full.proba(X[fixture])
    SCORES_OUT.write_text(json.dumps({
        'about': 'sklearn probabilities of the shipped sentence model on every %d-th training row (scripts/train_sentence_model.py).' % FIXTURE_EVERY,
        'rules': RULES,
        'rows': [{'id': rows[i]['id'], 'text': rows[i]['text'], 'proba': [float(x) for x in P[k]]} for k, i in enumerate(fixture)],
    }, ensure_ascii=False, indent=0) + '\n', 'utf8')
    print(f'wrote {MODEL_OUT.relative_to(ROOT)} ({len(buckets)} buckets), {SCORES_OUT.relative_to(ROOT)} ({len(fixture)} rows), {LOSO_OUT.relative_to(ROOT)}')


if __name__ == '__main__':
    main()
