import sys, time
from tgr_nb.data import load_dataset
for n in sys.argv[1:]:
    t = time.time(); load_dataset(n, device='cpu'); print('prep', n, round(time.time() - t, 1), flush=True)
