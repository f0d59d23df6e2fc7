(** * L2_Persistence.v -- THEORY.md claim L2 (leaders are fixed and persist).

    In words, for [alpha > 0], a configuration [Z] of n tokens and a leader
    [i < n] of [Z] (D1):

    - [L2_leader_mean]: the leader's attention set is exactly its copies, so
      its mean is itself: [m_i = z_i];
    - [L2_leader_fixed]: the leader does not move: [z'_i = z_i];
    - [L2_leader_persists]: [i] is still a leader of the new configuration
      [Z' = layer Z].  Why: every [z'_j] lies in [conv(Z)] (L3), and
      [<A z_i, .>] is maximised over [conv(Z)] only at [z_i] (L1), while
      [<A z'_i, z'_i> = <A z_i, z_i>] is one of the competing scores;
    - [L2_leaders_nested]: along the trajectory, a leader of [Z^k] is a leader
      of [Z^(k+m)] for every [m] (the leader sets are nested), and
    - [L2_leader_fixed_forever]: it stays put: [z_i^(k+m) = z_i^k]. *)

From Coq Require Import Reals Lra Lia Arith.
From Hardmax Require Import Space Sums Attention L1_Leaders L3_ConvexWeights.
Open Scope R_scope.

Section L2.

Variable E : InnerSpace.
Variable n : nat.
Variable alpha : R.
Hypothesis alpha_pos : 0 < alpha.
Implicit Type z : nat -> E.

Theorem L2_leader_mean z i : (i < n)%nat -> leader n z i -> mean n z i = z i.
Proof.
  intros Hi Hl. assert (Hn : (1 <= n)%nat) by lia.
  pose proof (card_INR_pos E n z i Hn) as Hc.
  unfold mean. rewrite attended_sum.
  rewrite (vsum_ext _ _ _ (fun j => vscal (indic (inC n z i j)) (z i))).
  - rewrite vsum_scal_const, <- card_INR, vscal_assoc, Rinv_l by lra.
    apply vscal_one.
  - intros j _. unfold indic. destruct (inC n z i j) eqn:Hin.
    + f_equal. apply Hl. apply inC_spec. exact Hin.
    + rewrite !vscal_zero_l. reflexivity.
Qed.

Theorem L2_leader_fixed z i : (i < n)%nat -> leader n z i -> layer n alpha z i = z i.
Proof.
  intros Hi Hl. unfold layer. rewrite L2_leader_mean by assumption.
  rewrite <- (vscal_one _ (z i)) at 1.
  rewrite <- vscal_add_l, vscal_assoc, Rinv_l by lra.
  apply vscal_one.
Qed.

Theorem L2_leader_persists z i :
  (i < n)%nat -> leader n z i -> leader n (layer n alpha z) i.
Proof.
  intros Hi Hl j [Hj Hjmax].
  set (z' := layer n alpha z) in *.
  assert (Hfix : z' i = z i) by (apply L2_leader_fixed; assumption).
  (* i competes in row i of Z': <z_i, z'_j> >= <z_i, z'_i> = <z_i, z_i> *)
  pose proof (Hjmax i Hi) as Hge. unfold score in Hge. rewrite !Hfix in Hge.
  (* z'_j in conv(Z), where <z_i, .> is maximal only at z_i *)
  destruct (L1_leader_exposed_vertex E n z i (z' j) Hi Hl)
    as [Hle Heq].
  - apply L3_layer_in_hull; assumption.
  - rewrite Hfix. apply Heq. lra.
Qed.

Theorem L2_leaders_nested z i k m :
  (i < n)%nat -> leader n (iterate n alpha k z) i ->
  leader n (iterate n alpha (m + k) z) i.
Proof.
  intros Hi Hl. induction m as [|m IH]; simpl; [exact Hl|].
  apply L2_leader_persists; assumption.
Qed.

Theorem L2_leader_fixed_forever z i k m :
  (i < n)%nat -> leader n (iterate n alpha k z) i ->
  iterate n alpha (m + k) z i = iterate n alpha k z i.
Proof.
  intros Hi Hl. induction m as [|m IH]; simpl; [reflexivity|].
  rewrite L2_leader_fixed; [exact IH | exact Hi |].
  apply L2_leaders_nested; assumption.
Qed.

End L2.
