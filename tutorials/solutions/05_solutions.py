"""Solutions to `tutorials/05_exercises.ipynb` (for teachers; hand out the notebook without this folder).

The exercise notebook loads this file only when it runs as a test (`in_test()`, set by `python .ci/nbtest.py`) or when
a teacher sets `TGR_NB_SOLUTIONS=1`, so its checks run against known-good answers. `MISTAKES` holds typical wrong
answers written the way a student would write them; the notebook's test run checks that each one is rejected with its
specific feedback (a teacher can also run them in class to show what the checks say).
"""
import torch
import torch.nn.functional as F
from tgr_nb.models import bn_layers, capture_bn_inputs

# --- exercise 1: the BN-statistics loss of model inversion -------------------------------------------------------
def bn_stat_loss(model, x):
    "Σ over BN layers l of ‖μ_l(x) − μ_l^run‖₂ + ‖σ²_l(x) − σ²_l^run‖₂ (biased variance of each BN layer's input)."
    with capture_bn_inputs(model) as inputs: model(x)
    loss = x.new_zeros(())
    for h, bn in zip(inputs, bn_layers(model)):
        mu, var = h.mean((0, 2, 3)), h.var((0, 2, 3), unbiased=False)
        loss = loss + (mu - bn.running_mean).norm() + (var - bn.running_var).norm()
    return loss

# --- exercise 2: the diagonal-Fisher task embedding (Task2Vec) ---------------------------------------------------
def fisher_embedding(probe, W, b, x, y):
    "{name: [filters]}: mean over images of the squared gradient of log p(y_i|x_i) w.r.t. each conv weight of the probe's body, averaged per filter."
    body = probe.body()
    weights = {k: p for k, p in body.named_parameters() if p.dim() >= 2}
    out = {k: torch.zeros(p.shape[0], dtype=p.dtype) for k, p in weights.items()}
    for i in range(len(x)):
        logp = torch.log_softmax(body(probe.prepare(x[i:i + 1])) @ W.T + b, -1)[0, y[i]]
        grads = torch.autograd.grad(logp, list(weights.values()))
        for k, g in zip(weights, grads): out[k] += g.pow(2).flatten(1).mean(1)
    return {k: v / len(x) for k, v in out.items()}

# --- exercise 3: the IGR objective, whose one backward is TGR's update direction --------------------------------
def igr_objective(loss_fn, params, batches, alpha):
    "S(θ) = mean_i L_i(θ + α (g_i − ḡ)), with g_i = ∇L_i(θ) kept differentiable (so ∇S is the total derivative)."
    names = list(params)
    grads = [torch.autograd.grad(loss_fn(params, b), [params[k] for k in names], create_graph=True) for b in batches]
    mean_g = [sum(g[j] for g in grads) / len(grads) for j in range(len(names))]
    losses = [loss_fn({k: params[k] + alpha * (g[j] - mean_g[j]) for j, k in enumerate(names)}, b) for g, b in zip(grads, batches)]
    return sum(losses) / len(losses)

# --- typical mistakes, each with the words its feedback must contain ---------------------------------------------
def _bn_squared(model, x):
    with capture_bn_inputs(model) as inputs: model(x)
    return sum((h.mean((0, 2, 3)) - bn.running_mean).pow(2).sum() + (h.var((0, 2, 3), unbiased=False) - bn.running_var).pow(2).sum()
               for h, bn in zip(inputs, bn_layers(model)))

def _bn_unbiased(model, x):
    with capture_bn_inputs(model) as inputs: model(x)
    return sum((h.mean((0, 2, 3)) - bn.running_mean).norm() + (h.var((0, 2, 3)) - bn.running_var).norm() for h, bn in zip(inputs, bn_layers(model)))

def _bn_outputs(model, x):
    outs = []
    hooks = [bn.register_forward_hook(lambda m, i, o: outs.append(o)) for bn in bn_layers(model)]
    try: model(x)
    finally:
        for h in hooks: h.remove()
    return sum((o.mean((0, 2, 3)) - bn.running_mean).norm() + (o.var((0, 2, 3), unbiased=False) - bn.running_var).norm() for o, bn in zip(outs, bn_layers(model)))

def _fisher_summed_per_filter(probe, W, b, x, y):
    body = probe.body(); weights = {k: p for k, p in body.named_parameters() if p.dim() >= 2}
    out = {k: 0 for k in weights}
    for i in range(len(x)):
        logp = torch.log_softmax(body(probe.prepare(x[i:i + 1])) @ W.T + b, -1)[0, y[i]]
        for k, g in zip(weights, torch.autograd.grad(logp, list(weights.values()))): out[k] = out[k] + g.pow(2).flatten(1).sum(1)
    return {k: v / len(x) for k, v in out.items()}

def _fisher_square_of_mean(probe, W, b, x, y):
    body = probe.body(); weights = {k: p for k, p in body.named_parameters() if p.dim() >= 2}
    logp = torch.log_softmax(body(probe.prepare(x)) @ W.T + b, -1)[torch.arange(len(x)), y].mean()
    return {k: g.pow(2).flatten(1).mean(1) for k, g in zip(weights, torch.autograd.grad(logp, list(weights.values())))}

def _fisher_with_bn(probe, W, b, x, y):
    body = probe.body(); ps = dict(body.named_parameters())
    out = {k: torch.zeros(p.shape[0], dtype=p.dtype) for k, p in ps.items()}
    for i in range(len(x)):
        logp = torch.log_softmax(body(probe.prepare(x[i:i + 1])) @ W.T + b, -1)[0, y[i]]
        for k, g in zip(ps, torch.autograd.grad(logp, list(ps.values()))): out[k] += g.pow(2).reshape(g.shape[0], -1).mean(1)
    return {k: v / len(x) for k, v in out.items()}

def _igr_detached(loss_fn, params, batches, alpha):
    names = list(params)
    grads = [torch.autograd.grad(loss_fn(params, b), [params[k] for k in names]) for b in batches]       # no create_graph
    mean_g = [sum(g[j] for g in grads) / len(grads) for j in range(len(names))]
    return sum(loss_fn({k: params[k] + alpha * (g[j] - mean_g[j]) for j, k in enumerate(names)}, b) for g, b in zip(grads, batches)) / len(batches)

def _igr_uncentred(loss_fn, params, batches, alpha):
    names = list(params)
    grads = [torch.autograd.grad(loss_fn(params, b), [params[k] for k in names], create_graph=True) for b in batches]
    return sum(loss_fn({k: params[k] + alpha * g[j] for j, k in enumerate(names)}, b) for g, b in zip(grads, batches)) / len(batches)

def _igr_summed(loss_fn, params, batches, alpha):
    return igr_objective(loss_fn, params, batches, alpha) * len(batches)

MISTAKES = {
    'bn_stat_loss': [(_bn_squared, 'not squared norms'), (_bn_unbiased, 'biased variance'), (_bn_outputs, 'BN *input*')],
    'fisher_embedding': [(_fisher_summed_per_filter, 'summed over each filter'), (_fisher_square_of_mean, 'square each image'),
                         (_fisher_with_bn, 'unexpected')],
    'igr_objective': [(_igr_detached, 'create_graph=True'), (_igr_uncentred, 'subtract the mean gradient'), (_igr_summed, 'mean over the tasks')],
}
