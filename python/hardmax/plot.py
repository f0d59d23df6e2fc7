"""Figure-2 style panels of a planar trajectory (matplotlib; presentation only)."""


def panels(trajectory, layers=(0, 1, 2, 5, 30), path=None, title=None):
    """One panel per requested layer (those beyond the trajectory are skipped): tokens as dots,
    leaders (D1) as red stars, as in the paper's Figure 2. Returns the matplotlib figure; with
    ``path`` also saves it there."""
    import matplotlib
    if path is not None:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    positions = trajectory.positions_array
    if positions.shape[2] != 2:
        raise ValueError(f"panels draws planar trajectories (d = 2); this one has d = {positions.shape[2]}")
    shown = [k for k in layers if k <= trajectory.layers]
    if not shown:
        raise ValueError(f"none of the layers {list(layers)} is in a trajectory of {trajectory.layers} layers")
    leaders = trajectory.leaders
    fig, axes = plt.subplots(1, len(shown), figsize=(3.2 * len(shown), 3.4), squeeze=False)
    lo, hi = positions[..., 0].min(), positions[..., 0].max()
    lo_y, hi_y = positions[..., 1].min(), positions[..., 1].max()
    pad = 0.08 * max(hi - lo, hi_y - lo_y, 1e-12)
    for ax, k in zip(axes[0], shown):
        Z = positions[k]
        L = set(leaders[k])
        others = [i for i in range(Z.shape[0]) if i not in L]
        ax.scatter(Z[others, 0], Z[others, 1], s=18, c="tab:blue", label="token")
        ax.scatter(Z[sorted(L), 0], Z[sorted(L), 1], s=90, marker="*", c="tab:red", label="leader")
        ax.set_title(f"layer {k}")
        ax.set_xlim(lo - pad, hi + pad)
        ax.set_ylim(lo_y - pad, hi_y + pad)
        ax.set_aspect("equal")
    axes[0][0].legend(loc="best", fontsize=7)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=110)
    return fig
