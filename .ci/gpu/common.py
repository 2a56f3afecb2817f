import json, sys, time, os, math
import torch
from tgr_nb.core import atomic_write_text, device_name, get_device
def clean(o):
    if isinstance(o, dict): return {str(k): clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)): return [clean(v) for v in o]
    if isinstance(o, torch.Tensor): return clean(o.tolist())
    if isinstance(o, float) and not math.isfinite(o): return None
    if isinstance(o, (int, float, str, bool)) or o is None: return o
    if hasattr(o, 'to_dict'): return clean(o.to_dict())
    if hasattr(o, '__dict__') and not callable(o): return repr(o)[:200]
    return repr(o)[:200]
def save(res, path): atomic_write_text(path, json.dumps(clean(res), indent=1))
