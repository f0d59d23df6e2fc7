(** * L4_MonotoneNorms.v -- THEORY.md claim L4 (monotone A-norms).

    In words, for [alpha > 0], a configuration [Z] of n tokens and [i < n],
    writing [z'_i] for the token after one layer (M4) and [m_i] for its mean:

    - [L4_norm_monotone]: [|z'_i|_A^2 >= |z_i|_A^2].  Why:
      [<A z_i, m_i> = max_l s_il >= s_ii] (i competes in its own row), and by
      Cauchy-Schwarz [|m_i|_A^2 >= |z_i|_A^2]; expand
      [(1 + alpha)^2 |z'_i|_A^2 = |z_i|^2 + 2 alpha <A z_i, m_i> + alpha^2 |m_i|^2].
    - [L4_norm_equality_iff]: [|z'_i|_A^2 = |z_i|_A^2] iff [m_i = z_i].
    - [L4_hull_norm_bound]: every point of [conv(Z)] has A-norm at most
      [max_j |z_j|_A] (Cauchy-Schwarz again); hence
      [L4_norm_bounded_iterate]: every token of every layer [Z^k] has A-norm
      at most [max_j |z_j^0|_A];
    - [L4_norm_monotone_iterate] and [L4_norm_converges]: along the
      trajectory each token's squared A-norm is non-decreasing and bounded, so
      it converges (monotone convergence, [growing_cv] of Coq's Reals). *)

From Coq Require Import Reals Lra Lia Arith Psatz.
From Hardmax Require Import Space Sums Attention L3_ConvexWeights.
Open Scope R_scope.

Section L4.

Variable E : InnerSpace.
Variable n : nat.
Variable alpha : R.
Hypothesis alpha_pos : 0 < alpha.
Implicit Type z : nat -> E.

(** [(1 + alpha)^2 |z'_i|^2 = |z_i|^2 + 2 alpha <z_i, m_i> + alpha^2 |m_i|^2]. *)
Lemma layer_norm_expand z i :
  form (layer n alpha z i) (layer n alpha z i)
  = / (1 + alpha) * / (1 + alpha) *
    (form (z i) (z i) + 2 * alpha * form (z i) (mean n z i)
     + alpha * alpha * form (mean n z i) (mean n z i)).
Proof.
  unfold layer. rewrite form_scal_l, form_scal_r, form_line. ring.
Qed.

(** The two inequalities behind L4. *)
Lemma mean_facts z i :
  (i < n)%nat ->
  form (z i) (z i) <= form (z i) (mean n z i) /\
  form (z i) (z i) <= form (mean n z i) (mean n z i).
Proof.
  intro Hi. assert (Hn : (1 <= n)%nat) by lia.
  destruct (InC_nonempty E n z i Hn) as [j0 Hj0].
  pose proof (form_mean E n z i j0 Hn Hj0) as Hm.
  pose proof (proj2 Hj0 i Hi) as Hii. unfold score in *.
  assert (H1 : form (z i) (z i) <= form (z i) (mean n z i)) by lra.
  split; [exact H1|].
  (* Cauchy-Schwarz: <z,m>^2 <= |z|^2 |m|^2, and 0 <= |z|^2 <= <z,m> *)
  pose proof (cauchy_schwarz E (z i) (mean n z i)) as CS.
  pose proof (form_nonneg E (z i)) as Hz.
  pose proof (form_nonneg E (mean n z i)) as Hmm.
  set (a := form (z i) (z i)) in *.
  set (c := form (z i) (mean n z i)) in *.
  set (d := form (mean n z i) (mean n z i)) in *.
  destruct (Rle_lt_or_eq_dec 0 a Hz) as [Hapos|Ha0]; [|lra].
  assert (a * a <= c ^ 2) by nra.
  assert (a * a <= a * d) by lra.
  apply (Rmult_le_reg_l a); lra.
Qed.

Theorem L4_norm_monotone z i :
  (i < n)%nat ->
  form (z i) (z i) <= form (layer n alpha z i) (layer n alpha z i).
Proof.
  intro Hi. destruct (mean_facts z i Hi) as [H1 H2].
  rewrite layer_norm_expand.
  set (a := form (z i) (z i)) in *.
  set (c := form (z i) (mean n z i)) in *.
  set (d := form (mean n z i) (mean n z i)) in *.
  replace a with (/ (1 + alpha) * / (1 + alpha) * ((1 + alpha) * (1 + alpha) * a)) at 1
    by (field; lra).
  apply Rmult_le_compat_l.
  - assert (0 < / (1 + alpha)) by (apply Rinv_0_lt_compat; lra). nra.
  - nra.
Qed.

Theorem L4_norm_equality_iff z i :
  (i < n)%nat ->
  (form (layer n alpha z i) (layer n alpha z i) = form (z i) (z i) <-> mean n z i = z i).
Proof.
  intro Hi. split.
  - intro Heq. destruct (mean_facts z i Hi) as [H1 H2].
    rewrite layer_norm_expand in Heq.
    set (a := form (z i) (z i)) in *.
    set (c := form (z i) (mean n z i)) in *.
    set (d := form (mean n z i) (mean n z i)) in *.
    assert (Hq : a + 2 * alpha * c + alpha * alpha * d = (1 + alpha) * (1 + alpha) * a).
    { apply (Rmult_eq_reg_l (/ (1 + alpha) * / (1 + alpha))).
      - rewrite Heq. field. lra.
      - assert (0 < / (1 + alpha)) by (apply Rinv_0_lt_compat; lra). nra. }
    (* 2 alpha (c - a) + alpha^2 (d - a) = 0 with both terms >= 0 *)
    assert (Hsq : 0 < alpha * alpha) by nra.
    assert (H3 : 0 <= alpha * alpha * (d - a)) by (apply Rmult_le_pos; lra).
    assert (H4 : 0 <= 2 * alpha * (c - a)) by (apply Rmult_le_pos; lra).
    assert (H5 : 2 * alpha * (c - a) + alpha * alpha * (d - a) = 0) by lra.
    assert (Hc : c = a).
    { assert (H6 : 2 * alpha * (c - a) = 0) by lra.
      destruct (Rmult_integral _ _ H6) as [H7|H7]; lra. }
    assert (Hd : d = a).
    { assert (H6 : alpha * alpha * (d - a) = 0) by lra.
      destruct (Rmult_integral _ _ H6) as [H7|H7]; lra. }
    (* |m - z|^2 = d - 2 c + a = 0 *)
    apply form_sub_le0_eq. rewrite form_sub_self, (form_sym _ (mean n z i) (z i)).
    unfold a, c, d in *. lra.
  - intro Hm.
    assert (Hfix : layer n alpha z i = z i).
    { unfold layer. rewrite Hm.
      rewrite <- (vscal_one _ (z i)) at 1.
      rewrite <- vscal_add_l, vscal_assoc, Rinv_l by lra.
      apply vscal_one. }
    rewrite Hfix. reflexivity.
Qed.

(** Norms in the hull are bounded by the largest norm of the generators. *)
Theorem L4_hull_norm_bound z x N :
  (forall j, (j < n)%nat -> form (z j) (z j) <= N) -> in_hull n z x -> form x x <= N.
Proof.
  intros HN [w [Hw [Hsum Hx]]].
  assert (Hn : (1 <= n)%nat).
  { destruct n; [simpl in Hsum; lra | lia]. }
  destruct (exists_argmax n (fun j => form (z j) x) Hn) as [j [Hj Hmax]].
  (* |x|^2 = sum_l w_l <z_l, x> <= <z_j, x> *)
  assert (Hxx : form x x <= form (z j) x).
  { rewrite Hx at 1. rewrite form_vsum_l.
    rewrite (rsum_ext _ _ (fun l => w l * form (z l) x)) by (intros; apply form_scal_l).
    replace (form (z j) x) with (rsum n (fun l => w l * form (z j) x)).
    - apply rsum_le. intros l Hl. apply Rmult_le_compat_l; [apply Hw; exact Hl|].
      apply Hmax. exact Hl.
    - rewrite (rsum_ext _ _ (fun l => form (z j) x * w l)) by (intros; ring).
      rewrite rsum_scal, Hsum. ring. }
  pose proof (cauchy_schwarz E (z j) x) as CS.
  pose proof (form_nonneg E x). pose proof (form_nonneg E (z j)).
  pose proof (HN j Hj).
  set (s := form x x) in *. set (t := form (z j) x) in *. set (q := form (z j) (z j)) in *.
  assert (s * s <= q * s) by nra.
  destruct (Rle_lt_or_eq_dec 0 s ltac:(assumption)) as [Hs|Hs]; [|lra].
  assert (s <= q) by (apply (Rmult_le_reg_r s); lra).
  lra.
Qed.

Theorem L4_norm_bounded_iterate z N :
  (forall j, (j < n)%nat -> form (z j) (z j) <= N) ->
  forall k i, (i < n)%nat ->
  form (iterate n alpha k z i) (iterate n alpha k z i) <= N.
Proof.
  intros HN k. induction k as [|k IH]; intros i Hi; simpl; [apply HN; exact Hi|].
  apply (L4_hull_norm_bound (iterate n alpha k z)); [exact IH|].
  apply L3_layer_in_hull; assumption.
Qed.

Theorem L4_norm_monotone_iterate z i k :
  (i < n)%nat ->
  form (iterate n alpha k z i) (iterate n alpha k z i)
  <= form (iterate n alpha (S k) z i) (iterate n alpha (S k) z i).
Proof. intro Hi. simpl. apply L4_norm_monotone. exact Hi. Qed.

Theorem L4_norm_converges z i :
  (i < n)%nat ->
  { l : R | Un_cv (fun k => form (iterate n alpha k z i) (iterate n alpha k z i)) l }.
Proof.
  intro Hi. apply growing_cv.
  - intro k. apply L4_norm_monotone_iterate. exact Hi.
  - destruct (exists_argmax n (fun j => form (z j) (z j)) ltac:(lia)) as [j [_ Hmax]].
    exists (form (z j) (z j)). intros y [k ->].
    apply L4_norm_bounded_iterate; assumption.
Qed.

End L4.
