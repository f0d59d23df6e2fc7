(** * L3_ConvexWeights.v -- THEORY.md claim L3 (nested hulls, with explicit convex weights).

    In words, for [alpha > 0] and n >= 1 tokens, row i of the matrix
    [(I + alpha P) / (1 + alpha)] (M4) is a certificate that the new token
    [z'_i] is a convex combination of the old tokens:

    - [weight alpha z i j = (delta_ij + alpha * [j in C_i] / |C_i|) / (1 + alpha)];
    - [L3_weights_nonneg]: every [weight alpha z i j >= 0];
    - [L3_weights_sum]: [sum_{j < n} weight alpha z i j = 1] (for [i < n]);
    - [L3_layer_combination]: [z'_i = sum_{j < n} weight alpha z i j * z_j];
    - [L3_convex_weights]: the three facts together ([convex_comb]);
    - [L3_hull_nested]: [conv(Z^{k+1}) ⊆ conv(Z^k)]: a convex combination of
      the new tokens is a convex combination of the old ones. *)

From Coq Require Import Reals Lra Lia Arith.
From Hardmax Require Import Space Sums Attention.
Open Scope R_scope.

Section L3.

Variable E : InnerSpace.
Variable n : nat.
Variable alpha : R.
Hypothesis alpha_pos : 0 < alpha.
Implicit Type z : nat -> E.

(** Row i of [(I + alpha P) / (1 + alpha)]. *)
Definition weight z (i j : nat) : R :=
  (delta i j + alpha * indic (inC n z i j) / INR (card n z i)) / (1 + alpha).

Theorem L3_weights_nonneg z i j : (1 <= n)%nat -> 0 <= weight z i j.
Proof.
  intro Hn. unfold weight.
  pose proof (card_INR_pos E n z i Hn).
  assert (0 <= delta i j) by (unfold delta; destruct (Nat.eqb i j); lra).
  assert (0 <= indic (inC n z i j)) by (unfold indic; destruct (inC n z i j); lra).
  apply Rmult_le_pos; [| left; apply Rinv_0_lt_compat; lra].
  apply Rplus_le_le_0_compat; [assumption|].
  apply Rmult_le_pos; [apply Rmult_le_pos; lra | left; apply Rinv_0_lt_compat; lra].
Qed.

Theorem L3_weights_sum z i : (i < n)%nat -> rsum n (weight z i) = 1.
Proof.
  intro Hi. assert (Hn : (1 <= n)%nat) by lia.
  pose proof (card_INR_pos E n z i Hn) as Hc.
  unfold weight.
  rewrite (rsum_ext _ _ (fun j => / (1 + alpha) * (delta i j * 1)
                                  + alpha / ((1 + alpha) * INR (card n z i)) * indic (inC n z i j)))
    by (intros; field; lra).
  rewrite rsum_plus, !rsum_scal, rsum_delta by exact Hi.
  rewrite <- card_INR. field. lra.
Qed.

Theorem L3_layer_combination z i :
  (i < n)%nat -> layer n alpha z i = vsum n (fun j => vscal (weight z i j) (z j)).
Proof.
  intro Hi. assert (Hn : (1 <= n)%nat) by lia.
  pose proof (card_INR_pos E n z i Hn) as Hc.
  set (a := / (1 + alpha)). set (ic := / INR (card n z i)).
  (* each term, written as the layer's operations applied to z_j *)
  rewrite (vsum_ext _ _ _
    (fun j => vscal a (vadd (vscal (delta i j) (z j))
                            (vscal alpha (vscal ic (vscal (indic (inC n z i j)) (z j))))))).
  - rewrite vsum_scal, vsum_add, vsum_delta by exact Hi.
    rewrite vsum_scal, vsum_scal, <- attended_sum.
    reflexivity.
  - intros j _. rewrite vscal_add_r, !vscal_assoc, <- vscal_add_l.
    f_equal. unfold weight, a, ic. field. lra.
Qed.

Theorem L3_convex_weights z i :
  (i < n)%nat -> convex_comb n (weight z i) z (layer n alpha z i).
Proof.
  intro Hi. split; [|split].
  - intros j _. apply L3_weights_nonneg. lia.
  - apply L3_weights_sum. exact Hi.
  - apply L3_layer_combination. exact Hi.
Qed.

Corollary L3_layer_in_hull z i : (i < n)%nat -> in_hull n z (layer n alpha z i).
Proof. intro Hi. exists (weight z i). apply L3_convex_weights. exact Hi. Qed.

Theorem L3_hull_nested z x : in_hull n (layer n alpha z) x -> in_hull n z x.
Proof.
  intros [u [Hu [Hsum Hx]]].
  exists (fun j => rsum n (fun i => u i * weight z i j)). split; [|split].
  - intros j _. apply rsum_nonneg. intros i Hi.
    apply Rmult_le_pos; [apply Hu; exact Hi | apply L3_weights_nonneg; lia].
  - rewrite <- rsum_swap.
    rewrite (rsum_ext _ _ (fun i => u i * 1)).
    + rewrite (rsum_ext _ _ u) by (intros; ring). exact Hsum.
    + intros i Hi. rewrite rsum_scal, L3_weights_sum by exact Hi. reflexivity.
  - rewrite Hx.
    rewrite (vsum_ext _ _ _ (fun i => vsum n (fun j => vscal (u i * weight z i j) (z j)))).
    + rewrite vsum_swap. apply vsum_ext. intros j _. apply vsum_scal_const.
    + intros i Hi. rewrite L3_layer_combination by exact Hi.
      rewrite <- vsum_scal. apply vsum_ext. intros j _. apply vscal_assoc.
Qed.

End L3.

Arguments weight {_} _ _ _ _ _.
