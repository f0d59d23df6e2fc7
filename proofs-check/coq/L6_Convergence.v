(** * L6_Convergence.v -- THEORY.md L6/L5: convergence under a constant attention pattern, and L5's faces.

    Setting: tokens [z] (the layer K of THEORY.md L6), n of them, [alpha > 0], and the hypothesis
    [constant_pattern]: every later layer [Z^m = iterate m z] has the attention sets of [z],
    [InC n (iterate m z) i j <-> InC n z i j] (for i < n).  Then each layer is the linear map
    [Z^{m+1} = T Z^m], [T = (I + alpha P)/(1 + alpha)], with P the row-stochastic matrix of z's
    attention sets (this is [step_form]).  Proved:
    - [L6_constant_pattern_limit]: every token converges in the A-norm,
      [|z_i^m - t_i|_A -> 0] (epsilon-N, [converges]), and its limit [t_i] is a convex combination
      of the tokens of z whose non-zero weights sit on leaders of z (D1): L5's "limits are convex
      combinations of leaders", for a constant pattern;
    - [L6_constant_pattern_rate]: the convergence is geometric: for limits [t] and every
      r > 1 - alpha/(n (1 + alpha)) there is C >= 0 with [|z_i^m - t_i|_A <= C r^m] for all m
      (the ratio bounds every diagonal entry a of T on a non-leader's copy class);
    - [L6_limit_fixed_point]: limits [t_i] of all tokens form a fixed point of T,
      [t_i = sum_j weight z i j * t_j] ([fixed_point]; [weight] is row i of T, L3_ConvexWeights.v);
    - [L6_limit_absorption]: the limit family exists, is a fixed point of T, leaves every leader of
      z at its position, and is the only family with these two properties: the exact linear solve
      of proofs-check/absorption.cpp, (I - T_oo) X_o = T_oL Z_L, computes it;
    - [L5_limit_on_exposed_face] (THEORY.md L5 as restated): for the limits t and i < n, t_i
      maximises <A t_i, .> over all limits (at the limit, i attends to itself), and for any convex weights
      w of t_i on leaders of z, every leader l with w_l <> 0 maximises <A t_i, z_l'> over the leaders
      l' of z: the support lies on the face of conv(L(z)) exposed by A t_i;
    - [L6_contracting_power_exists] (no pattern hypothesis; T from z): the recursion
      s (k+1) i = sum_j T_ij s k j of pattern_chain.cpp's [contracting_power], from s 0 in [0, 1]
      with s 0 < 1 on the leaders, has s k i < 1 for every k >= n and i < n, and a rho < 1 bounds
      s n on every row: a contracting power q <= n exists (the hypothesis of [L6_tail_step]);
      [L6_contracting_power_classes]: in fact s k i < 1 from k = [classes] on, the number of copy
      classes of z (the C++ loop's own bound, past which it reports an error);
    - [L6_limit_from_layer]: the convergence theorem stated for a trajectory [Z^m] of any start
      whose pattern is constant from a layer K on (the limit is a combination of the leaders of Z^K).
    The proof: strong induction on [height i], the number of tokens of strictly larger A-norm.
    Row i of T splits C_i into the copies of z_i (they move with z_i for ever: [iterate_copies])
    and the others; an attended non-copy has strictly larger A-norm ([L6_equal_norm_edge]), so
    smaller height, and converges by induction.  If there are no others, i is a leader and is
    fixed (L2).  Otherwise z_i^{m+1} = a z_i^m + b sum_{others} z_j^m with 0 <= a < 1
    ([step_error]), so the error to t_i = mean of the others' limits obeys
    e_{m+1} <= a e_m + (vanishing input) ([step_bound]) and tends to 0
    ([contraction_vanishes]).  The weights of t_i are the mean of the others' weights: the
    absorption probabilities of THEORY.md L6.  Uniqueness of the fixed point uses the same
    induction: at a fixed point, copies agree, and q s_i = sum of the others' s_j. *)

From Coq Require Import Reals Lra Lia Arith Bool Psatz.
From Hardmax Require Import Space Sums Attention L3_ConvexWeights L2_Persistence L6_StraightLine L6_AttentionGraph.
Open Scope R_scope.

(** ** Real sequences tending to 0 *)

Definition vanishes (e : nat -> R) : Prop :=
  forall eps, 0 < eps -> exists N, forall m, (N <= m)%nat -> e m < eps.

Lemma vanishes_sum k (f : nat -> nat -> R) :
  (forall j, (j < k)%nat -> vanishes (f j)) -> vanishes (fun m => rsum k (fun j => f j m)).
Proof.
  induction k as [|k IH]; intros H eps Heps; simpl.
  - exists O. intros. exact Heps.
  - destruct (IH (fun j Hj => H j (Nat.lt_lt_succ_r _ _ Hj)) (eps / 2)) as [N1 H1]; [lra|].
    destruct (H k (Nat.lt_succ_diag_r k) (eps / 2)) as [N2 H2]; [lra|].
    exists (Nat.max N1 N2). intros m Hm.
    pose proof (H1 m ltac:(lia)). pose proof (H2 m ltac:(lia)). lra.
Qed.

(** A contraction driven by a vanishing input: [e (m+1) <= a e m + d m], [0 <= a < 1], [d -> 0]. *)
Lemma contraction_vanishes (a : R) (e d : nat -> R) :
  0 <= a < 1 -> (forall m, 0 <= e m) -> (forall m, e (S m) <= a * e m + d m) -> vanishes d ->
  vanishes e.
Proof.
  intros Ha He Hrec Hd eps Heps.
  destruct (Hd (eps * (1 - a) / 2)) as [N1 H1].
  { apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat; lra | lra]. }
  assert (Hgeo : forall k, e (k + N1)%nat <= a ^ k * e N1 + eps / 2).
  { induction k as [|k IH]; simpl.
    - lra.
    - pose proof (Hrec (k + N1)%nat) as Hr. pose proof (H1 (k + N1)%nat ltac:(lia)) as Hdk.
      assert (a * e (k + N1)%nat <= a * (a ^ k * e N1 + eps / 2)) by (apply Rmult_le_compat_l; lra).
      assert (a * (eps / 2) + eps * (1 - a) / 2 = eps / 2) by field.
      nra. }
  assert (Habs : Rabs a < 1) by (rewrite Rabs_right; lra).
  destruct (pow_lt_1_zero a Habs (eps / 2 / (e N1 + 1))) as [N2 H2].
  { pose proof (He N1). apply Rdiv_lt_0_compat; lra. }
  exists (N2 + N1)%nat. intros m Hm.
  replace m with ((m - N1) + N1)%nat by lia.
  pose proof (Hgeo (m - N1)%nat) as Hg.
  pose proof (H2 (m - N1)%nat ltac:(lia)) as Hp.
  rewrite Rabs_right in Hp by (apply Rle_ge, pow_le; lra).
  pose proof (He N1) as HeN.
  assert (a ^ (m - N1) * e N1 <= a ^ (m - N1) * (e N1 + 1)).
  { apply Rmult_le_compat_l; [apply pow_le; lra | lra]. }
  assert (a ^ (m - N1) * (e N1 + 1) < eps / 2).
  { apply (Rmult_lt_compat_r (e N1 + 1)) in Hp; [|lra].
    unfold Rdiv at 1 in Hp. rewrite Rmult_assoc, Rinv_l, Rmult_1_r in Hp by lra. lra. }
  lra.
Qed.

(** ** The A-norm *)

Section Norm.

Variable E : InnerSpace.

Definition vnorm (x : E) : R := sqrt (form x x).

Lemma vnorm_nonneg x : 0 <= vnorm x.
Proof. apply sqrt_pos. Qed.

Lemma vnorm_sq x : vnorm x * vnorm x = form x x.
Proof. apply sqrt_sqrt, form_nonneg. Qed.

Lemma form_le_norms x y : form x y <= vnorm x * vnorm y.
Proof.
  pose proof (cauchy_schwarz E x y) as CS.
  pose proof (vnorm_sq x). pose proof (vnorm_sq y).
  pose proof (vnorm_nonneg x). pose proof (vnorm_nonneg y).
  assert (0 <= vnorm x * vnorm y) by (apply Rmult_le_pos; assumption).
  destruct (Rle_or_lt (form x y) (vnorm x * vnorm y)) as [|Hlt]; [assumption|].
  exfalso. assert (form x x * form y y < form x y ^ 2) by nra. lra.
Qed.

Lemma vnorm_triangle x y : vnorm (vadd x y) <= vnorm x + vnorm y.
Proof.
  assert (H : form (vadd x y) (vadd x y) = form x x + 2 * form x y + form y y).
  { rewrite form_add_l, !form_add_r, (form_sym _ y x). ring. }
  pose proof (form_le_norms x y). pose proof (vnorm_sq x). pose proof (vnorm_sq y).
  pose proof (vnorm_nonneg x). pose proof (vnorm_nonneg y).
  unfold vnorm at 1. rewrite <- (sqrt_square (vnorm x + vnorm y)) by lra.
  apply sqrt_le_1_alt. nra.
Qed.

Lemma vnorm_scal a x : 0 <= a -> vnorm (vscal a x) = a * vnorm x.
Proof.
  intro Ha. unfold vnorm. rewrite form_scal_l, form_scal_r, <- Rmult_assoc.
  rewrite sqrt_mult_alt by (apply Rmult_le_pos; assumption).
  rewrite sqrt_square by assumption. reflexivity.
Qed.

Lemma vnorm_zero : vnorm (vzero : E) = 0.
Proof. unfold vnorm. rewrite form_zero_l. apply sqrt_0. Qed.

Lemma vnorm_vsum k (f : nat -> E) : vnorm (vsum k f) <= rsum k (fun j => vnorm (f j)).
Proof.
  induction k as [|k IH]; simpl.
  - rewrite vnorm_zero. lra.
  - pose proof (vnorm_triangle (vsum k f) (f k)). lra.
Qed.

(** Vectors with the same form against everything are equal. *)
Lemma vec_eq_by_form (x y : E) : (forall w, form x w = form y w) -> x = y.
Proof.
  intro H. apply form_sub_le0_eq. rewrite form_sub_self.
  pose proof (H x). pose proof (H y). pose proof (form_sym _ y x). lra.
Qed.

(** [y m -> t] in the A-norm. *)
Definition converges (y : nat -> E) (t : E) : Prop :=
  forall eps, 0 < eps -> exists N, forall m, (N <= m)%nat -> vnorm (vsub E (y m) t) < eps.

Lemma vnorm_sub_self (a : E) : vnorm (vsub E a a) = 0.
Proof. unfold vnorm. rewrite form_sub_self, <- sqrt_0. f_equal. ring. Qed.

End Norm.

Arguments vnorm {_} _.
Arguments converges {_} _ _.

Lemma finite_choice (A : Type) (a0 : A) (P : nat -> A -> Prop) k :
  (forall j, (j < k)%nat -> exists y, P j y) -> exists f : nat -> A, forall j, (j < k)%nat -> P j (f j).
Proof.
  induction k as [|k IH]; intro H.
  - exists (fun _ => a0). intros; lia.
  - destruct IH as [f Hf]; [intros; apply H; lia|].
    destruct (H k (Nat.lt_succ_diag_r k)) as [y Hy].
    exists (fun j => if Nat.eqb j k then y else f j). intros j Hj.
    destruct (Nat.eqb_spec j k) as [->|Hne]; [exact Hy|]. apply Hf. lia.
Qed.

Lemma count_le k p q :
  (forall l, (l < k)%nat -> p l = true -> q l = true) -> (count k p <= count k q)%nat.
Proof.
  induction k as [|k IH]; simpl; intro H; [lia|].
  pose proof (IH (fun l Hl => H l (Nat.lt_lt_succ_r _ _ Hl))).
  specialize (H k (Nat.lt_succ_diag_r k)).
  destruct (p k), (q k); try lia; discriminate (H eq_refl).
Qed.

Lemma count_lt k p q j :
  (forall l, (l < k)%nat -> p l = true -> q l = true) -> (j < k)%nat -> p j = false -> q j = true ->
  (count k p < count k q)%nat.
Proof.
  induction k as [|k IH]; intros H Hj Hp Hq; [lia|]. simpl.
  assert (H' : forall l, (l < k)%nat -> p l = true -> q l = true) by (intros; apply H; [lia|assumption]).
  destruct (Nat.eq_dec j k) as [->|Hne].
  - rewrite Hp, Hq. pose proof (count_le k p q H'). lia.
  - pose proof (IH H' ltac:(lia) Hp Hq).
    specialize (H k (Nat.lt_succ_diag_r k)).
    destruct (p k), (q k); try lia; discriminate (H eq_refl).
Qed.

Lemma count_zero k p : count k p = O -> forall j, (j < k)%nat -> p j = false.
Proof.
  intros H j Hj. destruct (p j) eqn:Hp; [|reflexivity].
  assert (1 <= count k p)%nat by (apply count_pos; exists j; split; assumption). lia.
Qed.

Lemma rsum_nonzero k f : rsum k f <> 0 -> exists j, (j < k)%nat /\ f j <> 0.
Proof.
  induction k as [|k IH]; simpl; intro H; [lra|].
  destruct (Req_EM_T (f k) 0) as [H0|H0].
  - destruct IH as [j [Hj Hf]].
    + intro Hc. apply H. rewrite Hc, H0. ring.
    + exists j. split; [lia|exact Hf].
  - exists k. split; [lia|exact H0].
Qed.

Lemma rsum_minus' k a b : rsum k (fun j => a j - b j) = rsum k a - rsum k b.
Proof. induction k; simpl; [ring|]. rewrite IHk. ring. Qed.

Lemma div_nonneg a b : 0 <= a -> 0 < b -> 0 <= a / b.
Proof. intros. unfold Rdiv. apply Rmult_le_pos; [assumption | left; apply Rinv_0_lt_compat; assumption]. Qed.

Lemma indic_nonneg b : 0 <= indic b.
Proof. unfold indic. destruct b; lra. Qed.

Section Convergence.

Variable E : InnerSpace.
Variable n : nat.
Variable alpha : R.
Hypothesis alpha_pos : 0 < alpha.
Variable z : nat -> E.
Hypothesis constant_pattern :
  forall m i j, (i < n)%nat -> (InC n (iterate n alpha m z) i j <-> InC n z i j).

Local Notation x m := (iterate n alpha m z).

Lemma form_vsub_l (a b w : E) : form (vsub E a b) w = form a w - form b w.
Proof. unfold vsub. rewrite form_add_l, form_opp_l. ring. Qed.

Lemma layer_copies (y : nat -> E) i j : y i = y j -> layer n alpha y i = layer n alpha y j.
Proof. intro H. unfold layer, mean, card, inC, score. rewrite H. reflexivity. Qed.

Lemma iterate_copies i j m : z i = z j -> x m i = x m j.
Proof. intro H. induction m as [|m IH]; simpl; [exact H|]. apply layer_copies. exact IH. Qed.

Lemma inC_const m i j : (i < n)%nat -> inC n (x m) i j = inC n z i j.
Proof.
  intro Hi. destruct (inC n (x m) i j) eqn:H1, (inC n z i j) eqn:H2; try reflexivity.
  - apply inC_spec in H1. apply (proj1 (constant_pattern m i j Hi)) in H1.
    apply inC_spec in H1. congruence.
  - apply inC_spec in H2. apply (proj2 (constant_pattern m i j Hi)) in H2.
    apply inC_spec in H2. congruence.
Qed.

Lemma step_form m i w : (i < n)%nat ->
  form (x (S m) i) w = / (1 + alpha) * (form (x m i) w + alpha * (/ INR (card n z i) *
      rsum n (fun j => indic (inC n z i j) * form (x m j) w))).
Proof.
  intro Hi. change (x (S m) i) with (layer n alpha (x m) i). unfold layer, mean.
  rewrite form_scal_l, form_add_l, form_scal_l, form_scal_l, attended_sum, form_vsum_l.
  unfold card at 1. rewrite (count_ext _ _ _ (fun l _ => inC_const m i l Hi)). fold (card n z i).
  do 4 f_equal. apply rsum_ext. intros j _. rewrite form_scal_l, inC_const by exact Hi. reflexivity.
Qed.


(** Copies of token i among the tokens of z, decided through the form. *)
Definition copyb (i j : nat) : bool :=
  if Req_EM_T (form (vsub E (z i) (z j)) (vsub E (z i) (z j))) 0 then true else false.

Lemma copyb_spec i j : copyb i j = true <-> z i = z j.
Proof.
  unfold copyb. destruct (Req_EM_T _ 0) as [H|H]; split; intro H'.
  - apply sub_eq_zero, form_definite. exact H.
  - reflexivity.
  - discriminate.
  - exfalso. apply H. rewrite H', form_sub_self. ring.
Qed.

(** Split of C_i(z): the copies of i, and the others. *)
Definition same (i j : nat) : bool := inC n z i j && copyb i j.
Definition other (i j : nat) : bool := inC n z i j && negb (copyb i j).

Definition pcnt i : R := rsum n (fun j => indic (same i j)).
Definition qcnt i : R := rsum n (fun j => indic (other i j)).

Lemma card_split i : INR (card n z i) = pcnt i + qcnt i.
Proof.
  rewrite card_INR. unfold pcnt, qcnt. rewrite <- rsum_plus. apply rsum_ext. intros j _.
  unfold same, other, indic. destruct (inC n z i j), (copyb i j); simpl; ring.
Qed.

Lemma split_attended m i w :
  rsum n (fun j => indic (inC n z i j) * form (x m j) w)
  = pcnt i * form (x m i) w + rsum n (fun j => indic (other i j) * form (x m j) w).
Proof.
  unfold pcnt. rewrite Rmult_comm, <- rsum_scal, <- rsum_plus. apply rsum_ext. intros j _.
  unfold same, other, indic. destruct (inC n z i j); simpl; [|ring].
  destruct (copyb i j) eqn:Hc; simpl; [|ring].
  apply copyb_spec in Hc. rewrite (iterate_copies i j m Hc). ring.
Qed.

Lemma other_attends i j : other i j = true -> InC n z i j /\ z i <> z j.
Proof.
  unfold other. intro Ho. apply andb_true_iff in Ho as [Hc Hcp]. split.
  - apply inC_spec. exact Hc.
  - intro Heq. apply copyb_spec in Heq. rewrite Heq in Hcp. discriminate.
Qed.

(** The induction measure: the number of tokens of strictly larger A-norm. *)
Definition height (i : nat) : nat :=
  count n (fun l => if Rlt_dec (form (z i) (z i)) (form (z l) (z l)) then true else false).

Lemma height_other i j : (i < n)%nat -> other i j = true -> (height j < height i)%nat.
Proof.
  intros Hi Ho. destruct (other_attends i j Ho) as [Hc Hne].
  assert (Hj : (j < n)%nat) by exact (proj1 Hc).
  assert (Hlt : form (z i) (z i) < form (z j) (z j)).
  { destruct (Rle_lt_dec (form (z j) (z j)) (form (z i) (z i))) as [Hle|Hlt]; [|exact Hlt].
    exfalso. apply Hne. apply (L6_equal_norm_edge E n z i j); [split; assumption | exact Hle]. }
  unfold height. apply count_lt with j; [|exact Hj|..].
  - intros l _ H. destruct (Rlt_dec (form (z j) (z j)) _) as [H1|]; [|discriminate].
    destruct (Rlt_dec (form (z i) (z i)) _); [reflexivity|]. lra.
  - destruct (Rlt_dec (form (z j) (z j)) (form (z j) (z j))); [lra|reflexivity].
  - destruct (Rlt_dec (form (z i) (z i)) (form (z j) (z j))); [reflexivity|lra].
Qed.

(** The constant-pattern step for a token with others in its attention set:
    z_i^{m+1} = a z_i^m + b sum_{j other} z_j^m, a = (1 + alpha p/|C_i|)/(1 + alpha),
    b = alpha/(|C_i| (1 + alpha)), and the candidate limit t = mean of the others' limits. *)
Definition acoef i : R := (1 + alpha * pcnt i / (pcnt i + qcnt i)) / (1 + alpha).
Definition bcoef i : R := alpha / ((pcnt i + qcnt i) * (1 + alpha)).
Definition tlim i (tf : nat -> E) : E :=
  vscal (/ qcnt i) (vsum n (fun j => vscal (indic (other i j)) (tf j))).

Lemma pcnt_nonneg i : 0 <= pcnt i.
Proof. apply rsum_nonneg. intros. apply indic_nonneg. Qed.

Lemma qcnt_pos i : (1 <= count n (other i))%nat -> 0 < qcnt i.
Proof.
  intro H. unfold qcnt. rewrite <- count_INR. apply lt_0_INR. lia.
Qed.

Lemma coef_bounds i : (1 <= count n (other i))%nat ->
  0 <= acoef i < 1 /\ 0 <= bcoef i.
Proof.
  intro H. pose proof (qcnt_pos i H). pose proof (pcnt_nonneg i).
  unfold acoef, bcoef. split; [split|].
  - apply div_nonneg; [|lra].
    assert (0 <= alpha * pcnt i / (pcnt i + qcnt i)) by (apply div_nonneg; nra). lra.
  - apply (Rmult_lt_reg_r (1 + alpha)); [lra|].
    unfold Rdiv at 1. rewrite Rmult_assoc, Rinv_l, Rmult_1_l, Rmult_1_r by lra.
    assert (alpha * pcnt i / (pcnt i + qcnt i) < alpha); [|lra].
    apply (Rmult_lt_reg_r (pcnt i + qcnt i)); [lra|].
    unfold Rdiv. rewrite Rmult_assoc, Rinv_l by lra. nra.
  - apply div_nonneg; nra.
Qed.

Lemma step_error m i tf : (i < n)%nat -> (1 <= count n (other i))%nat ->
  vsub E (x (S m) i) (tlim i tf)
  = vadd (vscal (acoef i) (vsub E (x m i) (tlim i tf)))
         (vscal (bcoef i) (vsum n (fun j => vscal (indic (other i j)) (vsub E (x m j) (tf j))))).
Proof.
  intros Hi Hq. pose proof (qcnt_pos i Hq). pose proof (pcnt_nonneg i).
  apply vec_eq_by_form. intro w.
  rewrite form_add_l, !form_scal_l, !form_vsub_l, step_form by exact Hi.
  rewrite split_attended, card_split, form_vsum_l. unfold tlim.
  rewrite form_scal_l, form_vsum_l.
  rewrite (rsum_ext _ (fun j => form (vscal (indic (other i j)) (vsub E (x m j) (tf j))) w)
                      (fun j => indic (other i j) * form (x m j) w - indic (other i j) * form (tf j) w))
    by (intros; rewrite form_scal_l, form_vsub_l; ring).
  rewrite (rsum_ext _ (fun j => form (vscal (indic (other i j)) (tf j)) w)
                      (fun j => indic (other i j) * form (tf j) w))
    by (intros; rewrite form_scal_l; ring).
  rewrite rsum_minus'. unfold acoef, bcoef. field. lra.
Qed.

Lemma step_bound m i tf : (i < n)%nat -> (1 <= count n (other i))%nat ->
  vnorm (vsub E (x (S m) i) (tlim i tf))
  <= acoef i * vnorm (vsub E (x m i) (tlim i tf))
     + bcoef i * rsum n (fun j => indic (other i j) * vnorm (vsub E (x m j) (tf j))).
Proof.
  intros Hi Hq. destruct (coef_bounds i Hq) as [[Ha0 Ha1] Hb].
  rewrite step_error by assumption.
  eapply Rle_trans; [apply vnorm_triangle|].
  rewrite !vnorm_scal by assumption.
  apply Rplus_le_compat_l. apply Rmult_le_compat_l; [exact Hb|].
  eapply Rle_trans; [apply vnorm_vsum|]. apply rsum_le. intros j _.
  rewrite vnorm_scal by apply indic_nonneg. lra.
Qed.

Lemma vanishes_scal c s : 0 < c -> vanishes s -> vanishes (fun m => c * s m).
Proof.
  intros Hc Hs eps Heps. destruct (Hs (eps / c)) as [N HN]; [apply Rdiv_lt_0_compat; assumption|].
  exists N. intros m Hm. pose proof (HN m Hm) as H.
  apply (Rmult_lt_compat_l c) in H; [|exact Hc].
  replace (c * (eps / c)) with eps in H by (field; lra). exact H.
Qed.

(** The limit is a convex combination of leaders of z (weights vanish off the leaders). *)
Definition leader_comb (t : E) : Prop :=
  exists w, convex_comb n w z t /\ forall l, (l < n)%nat -> w l <> 0 -> leader n z l.

Lemma leader_case i : (i < n)%nat -> count n (other i) = O ->
  converges (fun m => x m i) (z i) /\ leader_comb (z i).
Proof.
  intros Hi H0.
  assert (Hl : leader n z i).
  { intros j Hj. pose proof (count_zero _ _ H0 j (proj1 Hj)) as Ho.
    unfold other in Ho. apply inC_spec in Hj. rewrite Hj in Ho. simpl in Ho.
    destruct (copyb i j) eqn:Hc; [|discriminate]. symmetry. apply copyb_spec. exact Hc. }
  split.
  - intros eps Heps. exists O. intros m _.
    pose proof (L2_leader_fixed_forever E n alpha alpha_pos z i 0 m Hi Hl) as Hf.
    rewrite Nat.add_0_r in Hf. change (iterate n alpha 0 z i) with (z i) in Hf.
    rewrite Hf, vnorm_sub_self. exact Heps.
  - exists (delta i). split; [split; [|split]|].
    + intros j _. unfold delta. destruct (Nat.eqb i j); lra.
    + rewrite (rsum_ext _ _ (fun j => delta i j * 1)) by (intros; ring). apply rsum_delta. exact Hi.
    + symmetry. apply vsum_delta. exact Hi.
    + intros l _ Hd. unfold delta in Hd.
      destruct (Nat.eqb_spec i l) as [Heq|]; [rewrite <- Heq; exact Hl | exfalso; apply Hd; reflexivity].
Qed.

Lemma others_case i tf wf : (i < n)%nat -> (1 <= count n (other i))%nat ->
  (forall j, (j < n)%nat -> other i j = true -> converges (fun m => x m j) (tf j)) ->
  (forall j, (j < n)%nat -> other i j = true ->
     convex_comb n (wf j) z (tf j) /\ forall l, (l < n)%nat -> wf j l <> 0 -> leader n z l) ->
  converges (fun m => x m i) (tlim i tf) /\ leader_comb (tlim i tf).
Proof.
  intros Hi Hq Hconv Hhull. destruct (coef_bounds i Hq) as [Ha Hb].
  pose proof (qcnt_pos i Hq) as Hqp. pose proof (pcnt_nonneg i) as Hpp.
  assert (Hbp : 0 < bcoef i).
  { unfold bcoef. apply Rdiv_lt_0_compat; [exact alpha_pos|]. nra. }
  split.
  - set (e := fun m => vnorm (vsub E (x m i) (tlim i tf))).
    set (D := fun m => bcoef i * rsum n (fun j => indic (other i j) * vnorm (vsub E (x m j) (tf j)))).
    assert (Hv : vanishes e).
    { apply (contraction_vanishes (acoef i) e D Ha).
      - intro m. apply vnorm_nonneg.
      - intro m. apply step_bound; assumption.
      - apply vanishes_scal; [exact Hbp|].
        apply (vanishes_sum n (fun j m => indic (other i j) * vnorm (vsub E (x m j) (tf j)))).
        intros j Hj. destruct (other i j) eqn:Ho.
        + intros eps Heps. destruct (Hconv j Hj Ho eps Heps) as [N HN]. exists N. intros m Hm.
          unfold indic. rewrite Rmult_1_l. apply HN. exact Hm.
        + intros eps Heps. exists O. intros m _. unfold indic. rewrite Rmult_0_l. exact Heps. }
    exact Hv.
  - set (W := fun l => rsum n (fun j => indic (other i j) / qcnt i * wf j l)).
    exists W. split; [split; [|split]|].
    + intros l Hl. apply rsum_nonneg. intros j Hj. destruct (other i j) eqn:Ho; unfold indic.
      * apply Rmult_le_pos; [apply div_nonneg; lra|].
        destruct (Hhull j Hj Ho) as [[Hw _] _]. apply Hw, Hl.
      * unfold Rdiv. rewrite !Rmult_0_l. lra.
    + unfold W. rewrite rsum_swap.
      rewrite (rsum_ext _ _ (fun j => / qcnt i * indic (other i j))).
      * rewrite rsum_scal. change (rsum n (fun j => indic (other i j))) with (qcnt i). field. lra.
      * intros j Hj. rewrite rsum_scal. destruct (other i j) eqn:Ho.
        -- destruct (Hhull j Hj Ho) as [[_ [Hs _]] _]. rewrite Hs. unfold Rdiv. ring.
        -- unfold indic, Rdiv. ring.
    + apply vec_eq_by_form. intro w. unfold tlim. rewrite form_scal_l, !form_vsum_l.
      rewrite (rsum_ext _ (fun l => form (vscal (W l) (z l)) w)
                 (fun l => rsum n (fun j => indic (other i j) / qcnt i * wf j l * form (z l) w))).
      2: { intros l _. rewrite form_scal_l. unfold W. rewrite Rmult_comm, <- rsum_scal.
           apply rsum_ext. intros; ring. }
      rewrite rsum_swap, <- rsum_scal. apply rsum_ext. intros j Hj.
      rewrite form_scal_l. destruct (other i j) eqn:Ho.
      * destruct (Hhull j Hj Ho) as [[_ [_ Ht]] _]. rewrite Ht, form_vsum_l.
        unfold indic. rewrite Rmult_1_l, <- rsum_scal. apply rsum_ext. intros l _.
        rewrite form_scal_l. field. lra.
      * unfold indic. rewrite (rsum_ext _ _ (fun _ => 0)) by (intros; unfold Rdiv; ring).
        rewrite rsum_const. ring.
    + intros l Hl HW. unfold W in HW. destruct (rsum_nonzero _ _ HW) as [j [Hj Hne]].
      destruct (other i j) eqn:Ho.
      * destruct (Hhull j Hj Ho) as [_ Hlead]. apply (Hlead l Hl). intro H0. apply Hne. rewrite H0. ring.
      * exfalso. apply Hne. unfold indic, Rdiv. ring.
Qed.

Lemma limit_exists k : forall i, (i < n)%nat -> height i = k ->
  exists t, converges (fun m => x m i) t /\ leader_comb t.
Proof.
  induction k as [k IH] using lt_wf_ind. intros i Hi Hk.
  destruct (Nat.eq_dec (count n (other i)) O) as [H0|Hq].
  - exists (z i). apply leader_case; assumption.
  - assert (Hsub : forall j, (j < n)%nat ->
              exists t, other i j = true -> converges (fun m => x m j) t /\ leader_comb t).
    { intros j Hj. destruct (other i j) eqn:Ho.
      - assert (Hlt : (height j < k)%nat) by (rewrite <- Hk; apply height_other; assumption).
        destruct (IH (height j) Hlt j Hj eq_refl) as [t Ht].
        exists t. intros _. exact Ht.
      - exists vzero. discriminate. }
    destruct (finite_choice (V E) vzero _ n Hsub) as [tf Htf].
    assert (Hw : forall j, (j < n)%nat -> exists w, other i j = true ->
              convex_comb n w z (tf j) /\ forall l, (l < n)%nat -> w l <> 0 -> leader n z l).
    { intros j Hj. destruct (other i j) eqn:Ho.
      - destruct (Htf j Hj Ho) as [_ [w Hw]]. exists w. intros _. exact Hw.
      - exists (fun _ => 0). discriminate. }
    destruct (finite_choice (nat -> R) (fun _ => 0) _ n Hw) as [wf Hwf].
    exists (tlim i tf). apply (others_case i tf wf Hi ltac:(lia)).
    + intros j Hj Ho. exact (proj1 (Htf j Hj Ho)).
    + intros j Hj Ho. exact (Hwf j Hj Ho).
Qed.

Theorem L6_constant_pattern_limit i : (i < n)%nat ->
  exists t w, converges (fun m => iterate n alpha m z i) t /\ convex_comb n w z t /\
    (forall l, (l < n)%nat -> w l <> 0 -> leader n z l).
Proof.
  intro Hi. destruct (limit_exists (height i) i Hi eq_refl) as [t [Hc [w [Hw Hl]]]].
  exists t, w. split; [exact Hc | split; [exact Hw | exact Hl]].
Qed.

(** ** The limits are T's fixed point, the absorption into the leaders (THEORY.md L6) *)

Lemma converges_ext (y y' : nat -> E) t : (forall m, y m = y' m) -> converges y t -> converges y' t.
Proof. intros H Hc eps Heps. destruct (Hc eps Heps) as [N HN]. exists N. intros m Hm. rewrite <- H. auto. Qed.

Lemma converges_shift (y : nat -> E) t : converges y t -> converges (fun m => y (S m)) t.
Proof. intros Hc eps Heps. destruct (Hc eps Heps) as [N HN]. exists N. intros m Hm. apply HN. lia. Qed.

Lemma vnorm_sub_sym (a b : E) : vnorm (vsub E a b) = vnorm (vsub E b a).
Proof. unfold vnorm. rewrite !form_sub_self, (form_sym _ b a). f_equal. ring. Qed.

Lemma converges_unique (y : nat -> E) t t' : converges y t -> converges y t' -> t = t'.
Proof.
  intros H1 H2. apply form_sub_le0_eq. rewrite <- vnorm_sq.
  assert (Hz : vnorm (vsub E t t') <= 0).
  { destruct (Rle_or_lt (vnorm (vsub E t t')) 0) as [|Hpos]; [assumption|]. exfalso.
    set (d := vnorm (vsub E t t')) in *.
    destruct (H1 (d / 2)) as [N1 HN1]; [lra|]. destruct (H2 (d / 2)) as [N2 HN2]; [lra|].
    pose proof (HN1 (Nat.max N1 N2) ltac:(lia)) as A1. pose proof (HN2 (Nat.max N1 N2) ltac:(lia)) as A2.
    set (ym := y (Nat.max N1 N2)) in *.
    assert (Hid : vsub E t t' = vadd (vsub E t ym) (vsub E ym t')).
    { apply vec_eq_by_form. intro w. rewrite form_add_l, !form_vsub_l. ring. }
    pose proof (vnorm_triangle E (vsub E t ym) (vsub E ym t')) as T.
    rewrite <- Hid, (vnorm_sub_sym t ym) in T. fold d in T. lra. }
  pose proof (vnorm_nonneg E (vsub E t t')). nra.
Qed.

Lemma vanishes_le (e d : nat -> R) : (forall m, e m <= d m) -> vanishes d -> vanishes e.
Proof. intros H Hd eps Heps. destruct (Hd eps Heps) as [N HN]. exists N. intros m Hm. pose proof (H m). pose proof (HN m Hm). lra. Qed.

Lemma vanishes_scal_nonneg c s : 0 <= c -> vanishes s -> vanishes (fun m => c * s m).
Proof.
  intros Hc Hs. destruct (Rle_lt_or_eq_dec 0 c Hc) as [Hp|H0].
  - apply vanishes_scal; assumption.
  - intros eps Heps. exists O. intros m _. rewrite <- H0, Rmult_0_l. exact Heps.
Qed.

Lemma vsub_comb k (c : nat -> R) (a b : nat -> E) :
  vsub E (vsum k (fun j => vscal (c j) (a j))) (vsum k (fun j => vscal (c j) (b j)))
  = vsum k (fun j => vscal (c j) (vsub E (a j) (b j))).
Proof.
  apply vec_eq_by_form. intro y. rewrite form_vsub_l, !form_vsum_l, <- rsum_minus'.
  apply rsum_ext. intros j _. rewrite !form_scal_l, form_vsub_l. ring.
Qed.

Lemma converges_comb k (c : nat -> R) (y : nat -> nat -> E) (t : nat -> E) :
  (forall j, (j < k)%nat -> 0 <= c j) -> (forall j, (j < k)%nat -> converges (fun m => y m j) (t j)) ->
  converges (fun m => vsum k (fun j => vscal (c j) (y m j))) (vsum k (fun j => vscal (c j) (t j))).
Proof.
  intros Hc Hy.
  apply (vanishes_le _ (fun m => rsum k (fun j => c j * vnorm (vsub E (y m j) (t j))))).
  - intro m. simpl. rewrite vsub_comb. eapply Rle_trans; [apply vnorm_vsum|].
    apply rsum_le. intros j Hj. rewrite vnorm_scal by (apply Hc; exact Hj). lra.
  - apply (vanishes_sum k (fun j m => c j * vnorm (vsub E (y m j) (t j)))). intros j Hj.
    apply vanishes_scal_nonneg; [apply Hc; exact Hj|]. exact (Hy j Hj).
Qed.

(** Under the constant pattern, layer m's row i of T is z's. *)
Lemma weight_const m i j : (i < n)%nat -> weight n alpha (x m) i j = weight n alpha z i j.
Proof.
  intro Hi. unfold weight, card. rewrite inC_const by exact Hi.
  rewrite (count_ext _ _ _ (fun l _ => inC_const m i l Hi)). reflexivity.
Qed.

Lemma step_comb m i : (i < n)%nat -> x (S m) i = vsum n (fun j => vscal (weight n alpha z i j) (x m j)).
Proof.
  intro Hi. change (x (S m) i) with (layer n alpha (x m) i).
  rewrite L3_layer_combination by assumption. apply vsum_ext. intros j _.
  rewrite weight_const by exact Hi. reflexivity.
Qed.

Theorem L6_limit_fixed_point (t : nat -> E) :
  (forall i, (i < n)%nat -> converges (fun m => x m i) (t i)) ->
  forall i, (i < n)%nat -> t i = vsum n (fun j => vscal (weight n alpha z i j) (t j)).
Proof.
  intros Hc i Hi. apply (converges_unique (fun m => x (S m) i)).
  - apply (converges_shift (fun m => x m i)). exact (Hc i Hi).
  - apply (converges_ext (fun m => vsum n (fun j => vscal (weight n alpha z i j) (x m j)))).
    + intro m. symmetry. apply step_comb. exact Hi.
    + apply converges_comb; [|exact Hc]. intros j _. apply L3_weights_nonneg; [exact alpha_pos | lia].
Qed.

Lemma leader_limit (t : E) i : (i < n)%nat -> leader n z i -> converges (fun m => x m i) t -> t = z i.
Proof.
  intros Hi Hl Hc. apply (converges_unique (fun m => x m i)); [exact Hc|].
  intros eps Heps. exists O. intros m _.
  pose proof (L2_leader_fixed_forever E n alpha alpha_pos z i 0 m Hi Hl) as Hf.
  rewrite Nat.add_0_r in Hf. change (iterate n alpha 0 z i) with (z i) in Hf.
  rewrite Hf, vnorm_sub_self. exact Heps.
Qed.

(** A fixed point of T, read through the form: [<s_i, w> = mean over C_i(z) of <s_j, w>]. *)
Definition fixed_point (s : nat -> E) : Prop :=
  forall i, (i < n)%nat -> s i = vsum n (fun j => vscal (weight n alpha z i j) (s j)).

Lemma rsum_delta_f k i (f : nat -> R) : (i < k)%nat -> rsum k (fun j => delta i j * f j) = f i.
Proof.
  intro Hi. rewrite (rsum_ext _ _ (fun j => delta i j * f i)); [apply rsum_delta; exact Hi|].
  intros j _. unfold delta. destruct (Nat.eqb_spec i j) as [->|]; ring.
Qed.

Lemma fixed_point_form s i w : (i < n)%nat -> fixed_point s ->
  form (s i) w = / INR (card n z i) * rsum n (fun j => indic (inC n z i j) * form (s j) w).
Proof.
  intros Hi Hs. pose proof (card_INR_pos E n z i ltac:(lia)) as Hk.
  assert (H : form (s i) w = / (1 + alpha) * (form (s i) w
              + alpha * (/ INR (card n z i) * rsum n (fun j => indic (inC n z i j) * form (s j) w)))).
  { rewrite (Hs i Hi) at 1. rewrite form_vsum_l.
    rewrite (rsum_ext _ _ (fun j => / (1 + alpha) * (delta i j * form (s j) w)
              + alpha / ((1 + alpha) * INR (card n z i)) * (indic (inC n z i j) * form (s j) w))).
    - rewrite rsum_plus, !rsum_scal, rsum_delta_f by exact Hi. field. lra.
    - intros j _. rewrite form_scal_l. unfold weight. field. lra. }
  set (F := form (s i) w) in *. set (R0 := rsum n _) in *.
  assert (H' : (1 + alpha) * F = F + alpha * (/ INR (card n z i) * R0)) by (rewrite H at 1; field; lra).
  apply (Rmult_eq_reg_l alpha); [|lra]. lra.
Qed.

Lemma inC_copies i j l : z i = z j -> inC n z i l = inC n z j l.
Proof. intro H. unfold inC, score. rewrite H. reflexivity. Qed.

Lemma fixed_point_copies s i j w : (i < n)%nat -> (j < n)%nat -> fixed_point s -> z i = z j ->
  form (s j) w = form (s i) w.
Proof.
  intros Hi Hj Hs H. rewrite !fixed_point_form by assumption.
  unfold card. rewrite (count_ext _ _ _ (fun l _ => inC_copies i j l H)).
  f_equal. apply rsum_ext. intros l _. rewrite (inC_copies i j l H). reflexivity.
Qed.

Lemma fixed_point_split s i w : (i < n)%nat -> fixed_point s ->
  qcnt i * form (s i) w = rsum n (fun j => indic (other i j) * form (s j) w).
Proof.
  intros Hi Hs. pose proof (card_INR_pos E n z i ltac:(lia)) as Hk.
  pose proof (fixed_point_form s i w Hi Hs) as H.
  assert (Hsplit : rsum n (fun j => indic (inC n z i j) * form (s j) w)
                   = pcnt i * form (s i) w + rsum n (fun j => indic (other i j) * form (s j) w)).
  { unfold pcnt. rewrite Rmult_comm, <- rsum_scal, <- rsum_plus. apply rsum_ext. intros j Hj.
    unfold same, other, indic. destruct (inC n z i j); simpl; [|ring].
    destruct (copyb i j) eqn:Hc; simpl; [|ring].
    apply copyb_spec in Hc. rewrite (fixed_point_copies s i j w Hi Hj Hs Hc). ring. }
  rewrite Hsplit, card_split in H. rewrite card_split in Hk.
  apply (Rmult_eq_reg_l (/ (pcnt i + qcnt i))); [|apply Rinv_neq_0_compat; lra].
  replace (/ (pcnt i + qcnt i) * (qcnt i * form (s i) w))
    with (form (s i) w - / (pcnt i + qcnt i) * (pcnt i * form (s i) w)) by (field; lra).
  rewrite H at 1. field. lra.
Qed.

Lemma fixed_point_unique_height s s' k : fixed_point s -> fixed_point s' ->
  (forall i, (i < n)%nat -> leader n z i -> s i = s' i) ->
  forall i, (i < n)%nat -> height i = k -> s i = s' i.
Proof.
  intros Hs Hs' Hl. induction k as [k IH] using lt_wf_ind. intros i Hi Hk.
  destruct (Nat.eq_dec (count n (other i)) O) as [H0|Hq].
  - apply Hl; [exact Hi|]. intros j Hj. pose proof (count_zero _ _ H0 j (proj1 Hj)) as Ho.
    unfold other in Ho. apply inC_spec in Hj. rewrite Hj in Ho. simpl in Ho.
    destruct (copyb i j) eqn:Hc; [|discriminate]. symmetry. apply copyb_spec. exact Hc.
  - pose proof (qcnt_pos i ltac:(lia)) as Hqp.
    apply vec_eq_by_form. intro w.
    apply (Rmult_eq_reg_l (qcnt i)); [|lra].
    rewrite (fixed_point_split s i w Hi Hs), (fixed_point_split s' i w Hi Hs').
    apply rsum_ext. intros j Hj. destruct (other i j) eqn:Ho; [|unfold indic; ring].
    rewrite (IH (height j) ltac:(rewrite <- Hk; apply height_other; assumption) j Hj eq_refl). reflexivity.
Qed.

(** The limit, all tokens at once: it exists, it is T's fixed point, the leaders stay where they
    are, and it is the only such family -- so the exact linear solve of proofs-check/absorption.cpp,
    (I - T_oo) X_o = T_oL Z_L, finds it. *)
Theorem L6_limit_absorption :
  exists t : nat -> E,
    (forall i, (i < n)%nat -> converges (fun m => iterate n alpha m z i) (t i)) /\
    fixed_point t /\
    (forall i, (i < n)%nat -> leader n z i -> t i = z i) /\
    (forall s, fixed_point s -> (forall i, (i < n)%nat -> leader n z i -> s i = z i) ->
       forall i, (i < n)%nat -> s i = t i).
Proof.
  assert (Hex : forall i, (i < n)%nat -> exists t, converges (fun m => x m i) t).
  { intros i Hi. destruct (L6_constant_pattern_limit i Hi) as [t [_ [Hc _]]]. exists t. exact Hc. }
  destruct (finite_choice (V E) vzero _ n Hex) as [t Ht].
  assert (Hfix : fixed_point t) by (intros i Hi; apply L6_limit_fixed_point; [exact Ht | exact Hi]).
  assert (Hlead : forall i, (i < n)%nat -> leader n z i -> t i = z i).
  { intros i Hi Hl. apply (leader_limit (t i) i Hi Hl (Ht i Hi)). }
  exists t. split; [exact Ht|]. split; [exact Hfix|]. split; [exact Hlead|].
  intros s Hs Hsl i Hi. apply (fixed_point_unique_height s t (height i) Hs Hfix); [|exact Hi|reflexivity].
  intros j Hj Hl. rewrite (Hsl j Hj Hl), (Hlead j Hj Hl). reflexivity.
Qed.

(** ** The rate: geometric, with ratio any r > 1 - alpha / (n (1 + alpha)) *)

Lemma geometric_input (a r b B : R) (e : nat -> R) :
  0 <= a < r -> 0 <= b -> 0 <= B -> (forall m, e (S m) <= a * e m + b * (B * r ^ m)) ->
  exists C, 0 <= C /\ forall m, e m <= C * r ^ m.
Proof.
  intros Ha Hb HB Hs.
  set (C := Rmax (e O) (b * B / (r - a))).
  assert (HC0 : b * B / (r - a) <= C) by apply Rmax_r.
  assert (HCe : e O <= C) by apply Rmax_l.
  assert (Hbb : 0 <= b * B / (r - a)) by (apply div_nonneg; [apply Rmult_le_pos|]; lra).
  assert (HbC : b * B <= (r - a) * C).
  { assert (b * B = (r - a) * (b * B / (r - a))) by (field; lra).
    assert ((r - a) * (b * B / (r - a)) <= (r - a) * C) by (apply Rmult_le_compat_l; lra). lra. }
  exists C. split; [lra|].
  induction m as [|m IH]; simpl; [lra|].
  assert (Hr : 0 <= r ^ m) by (apply pow_le; lra).
  pose proof (Hs m) as H1.
  assert (a * e m <= a * (C * r ^ m)) by (apply Rmult_le_compat_l; lra).
  assert (b * B * r ^ m <= (r - a) * C * r ^ m) by (apply Rmult_le_compat_r; lra).
  nra.
Qed.

Lemma count_le_k k p : (count k p <= k)%nat.
Proof. induction k as [|k IH]; simpl; [lia|]. destruct (p k); lia. Qed.

Lemma acoef_bound i : (i < n)%nat -> (1 <= count n (other i))%nat ->
  acoef i <= 1 - alpha / (INR n * (1 + alpha)).
Proof.
  intros Hi Hq. pose proof (qcnt_pos i Hq) as HQ. pose proof (pcnt_nonneg i) as HP.
  assert (HQ1 : 1 <= qcnt i) by (unfold qcnt; rewrite <- count_INR; apply (le_INR 1); exact Hq).
  assert (HK : pcnt i + qcnt i <= INR n) by (rewrite <- card_split; apply le_INR, count_le_k).
  assert (Hn : 0 < INR n) by (apply lt_0_INR; lia).
  assert (Ha : acoef i = 1 - alpha * qcnt i / ((pcnt i + qcnt i) * (1 + alpha)))
    by (unfold acoef; field; lra).
  assert (HK0 : 0 < pcnt i + qcnt i) by lra.
  set (K := pcnt i + qcnt i) in *.
  rewrite Ha. set (X := alpha / (INR n * (1 + alpha))). set (Y := alpha * qcnt i / (K * (1 + alpha))).
  assert (HX : X * (INR n * (1 + alpha)) = alpha) by (unfold X; field; lra).
  assert (HY : Y * (K * (1 + alpha)) = alpha * qcnt i) by (unfold Y; field; lra).
  assert (HX0 : 0 <= X) by (apply div_nonneg; nra).
  assert (X <= Y); [|lra].
  apply (Rmult_le_reg_r (K * (1 + alpha))); [nra|]. rewrite HY.
  assert (X * (K * (1 + alpha)) <= X * (INR n * (1 + alpha))) by (apply Rmult_le_compat_l; nra).
  assert (alpha <= alpha * qcnt i) by nra. lra.
Qed.

Lemma tlim_fixed (t : nat -> E) i : (i < n)%nat -> (1 <= count n (other i))%nat -> fixed_point t ->
  t i = tlim i t.
Proof.
  intros Hi Hq Hfix. pose proof (qcnt_pos i Hq).
  apply vec_eq_by_form. intro w. unfold tlim. rewrite form_scal_l, form_vsum_l.
  rewrite (rsum_ext _ _ (fun j => indic (other i j) * form (t j) w)) by (intros; apply form_scal_l).
  rewrite <- (fixed_point_split t i w Hi Hfix). field. lra.
Qed.

Lemma rate_height (t : nat -> E) (r : R) :
  (forall i, (i < n)%nat -> converges (fun m => x m i) (t i)) -> 1 - alpha / (INR n * (1 + alpha)) < r ->
  forall k i, (i < n)%nat -> height i = k ->
  exists C, 0 <= C /\ forall m, vnorm (vsub E (x m i) (t i)) <= C * r ^ m.
Proof.
  intros Hc Hr k. induction k as [k IH] using lt_wf_ind. intros i Hi Hk.
  assert (Hfix : fixed_point t) by (intros i' Hi'; apply L6_limit_fixed_point; [exact Hc | exact Hi']).
  destruct (Nat.eq_dec (count n (other i)) O) as [H0|Hq].
  - assert (Hl : leader n z i).
    { intros j Hj. pose proof (count_zero _ _ H0 j (proj1 Hj)) as Ho.
      unfold other in Ho. apply inC_spec in Hj. rewrite Hj in Ho. simpl in Ho.
      destruct (copyb i j) eqn:Hcp; [|discriminate]. symmetry. apply copyb_spec. exact Hcp. }
    exists 0. split; [lra|]. intro m.
    rewrite (leader_limit (t i) i Hi Hl (Hc i Hi)).
    pose proof (L2_leader_fixed_forever E n alpha alpha_pos z i 0 m Hi Hl) as Hf.
    rewrite Nat.add_0_r in Hf. change (iterate n alpha 0 z i) with (z i) in Hf.
    rewrite Hf, vnorm_sub_self. lra.
  - assert (Hq1 : (1 <= count n (other i))%nat) by lia.
    destruct (coef_bounds i Hq1) as [Ha Hb]. pose proof (acoef_bound i Hi Hq1) as Hab.
    assert (Hsub : forall j, (j < n)%nat -> exists C, other i j = true ->
              0 <= C /\ forall m, vnorm (vsub E (x m j) (t j)) <= C * r ^ m).
    { intros j Hj. destruct (other i j) eqn:Ho.
      - assert (Hlt : (height j < k)%nat) by (rewrite <- Hk; apply height_other; assumption).
        destruct (IH (height j) Hlt j Hj eq_refl) as [C HC]. exists C. intros _. exact HC.
      - exists 0. discriminate. }
    destruct (finite_choice R 0 _ n Hsub) as [Cf HCf].
    set (B := rsum n (fun j => indic (other i j) * Cf j)).
    assert (HB : 0 <= B).
    { apply rsum_nonneg. intros j Hj. destruct (other i j) eqn:Ho; unfold indic.
      - destruct (HCf j Hj Ho). lra.
      - lra. }
    apply (geometric_input (acoef i) r (bcoef i) B); [lra | exact Hb | exact HB |].
    intro m. rewrite (tlim_fixed t i Hi Hq1 Hfix).
    eapply Rle_trans; [apply step_bound; assumption|].
    apply Rplus_le_compat_l. apply Rmult_le_compat_l; [exact Hb|].
    unfold B. rewrite Rmult_comm, <- rsum_scal. apply rsum_le. intros j Hj.
    destruct (other i j) eqn:Ho; unfold indic.
    + destruct (HCf j Hj Ho) as [_ Hm]. pose proof (Hm m). lra.
    + lra.
Qed.

(** Every token converges geometrically: for every r > 1 - alpha / (n (1 + alpha)) there is a
    constant C with |z_i^m - t_i|_A <= C r^m for every m. *)
Theorem L6_constant_pattern_rate (t : nat -> E) (r : R) :
  (forall i, (i < n)%nat -> converges (fun m => iterate n alpha m z i) (t i)) ->
  1 - alpha / (INR n * (1 + alpha)) < r ->
  forall i, (i < n)%nat -> exists C, 0 <= C /\ forall m, vnorm (vsub E (iterate n alpha m z i) (t i)) <= C * r ^ m.
Proof. intros Hc Hr i Hi. exact (rate_height t r Hc Hr (height i) i Hi eq_refl). Qed.

(** ** L5 as restated: each limit point lies on the face its own direction exposes *)

Lemma vnorm_opp (v : E) : vnorm (vopp v) = vnorm v.
Proof. unfold vnorm. rewrite form_opp_l, form_opp_r. f_equal. ring. Qed.

Lemma form_abs_le_norms (u v : E) : Rabs (form u v) <= vnorm u * vnorm v.
Proof.
  apply Rabs_le. split; [|apply form_le_norms].
  pose proof (form_le_norms E u (vopp v)) as H. rewrite form_opp_r, vnorm_opp in H. lra.
Qed.

Lemma converges_sub (a b : nat -> E) (a0 b0 : E) :
  converges a a0 -> converges b b0 -> converges (fun m => vsub E (a m) (b m)) (vsub E a0 b0).
Proof.
  intros Ha Hb eps Heps.
  destruct (Ha (eps / 2)) as [N1 H1]; [lra|]. destruct (Hb (eps / 2)) as [N2 H2]; [lra|].
  exists (Nat.max N1 N2). intros m Hm.
  assert (Hid : vsub E (vsub E (a m) (b m)) (vsub E a0 b0)
                = vadd (vsub E (a m) a0) (vopp (vsub E (b m) b0))).
  { apply vec_eq_by_form. intro w. rewrite form_add_l, form_opp_l, !form_vsub_l. ring. }
  rewrite Hid. eapply Rle_lt_trans; [apply vnorm_triangle|]. rewrite vnorm_opp.
  pose proof (H1 m ltac:(lia)). pose proof (H2 m ltac:(lia)). lra.
Qed.

(** A non-negative score sequence has a non-negative limit. *)
Lemma form_limit_nonneg (p q : nat -> E) (p0 q0 : E) :
  converges p p0 -> converges q q0 -> (forall m, 0 <= form (p m) (q m)) -> 0 <= form p0 q0.
Proof.
  intros Hp Hq Hnn. destruct (Rle_or_lt 0 (form p0 q0)) as [|Hneg]; [assumption|]. exfalso.
  assert (Hg : 0 < - form p0 q0) by lra.
  set (g := - form p0 q0) in *.
  assert (Hgdef : g = - form p0 q0) by reflexivity.
  set (K := vnorm q0 + 1 + vnorm p0 + 1).
  assert (HK : 0 < K) by (unfold K; pose proof (vnorm_nonneg E q0); pose proof (vnorm_nonneg E p0); lra).
  set (d := Rmin 1 (g / K)).
  assert (Hd : 0 < d) by (unfold d; apply Rmin_glb_lt; [lra | apply Rdiv_lt_0_compat; lra]).
  assert (Hd1 : d <= 1) by apply Rmin_l.
  assert (HdK : d * K <= g).
  { assert (d <= g / K) by apply Rmin_r.
    assert (d * K <= g / K * K) by (apply Rmult_le_compat_r; lra).
    replace (g / K * K) with g in * by (field; lra). lra. }
  destruct (Hp d Hd) as [N1 H1]. destruct (Hq d Hd) as [N2 H2].
  set (m := Nat.max N1 N2). pose proof (H1 m ltac:(lia)) as Ep. pose proof (H2 m ltac:(lia)) as Eq.
  pose proof (Hnn m) as Hm.
  (* form p_m q_m - form p0 q0 = form (p_m - p0) q_m + form p0 (q_m - q0) *)
  assert (Hid : form (p m) (q m) - form p0 q0
                = form (vsub E (p m) p0) (q m) + form p0 (vsub E (q m) q0)).
  { rewrite form_vsub_l. unfold vsub. rewrite form_add_r, form_opp_r. ring. }
  pose proof (form_abs_le_norms (vsub E (p m) p0) (q m)) as A1.
  pose proof (form_abs_le_norms p0 (vsub E (q m) q0)) as A2.
  assert (Hqm : vnorm (q m) <= vnorm q0 + vnorm (vsub E (q m) q0)).
  { assert (Hq' : q m = vadd q0 (vsub E (q m) q0)).
    { apply vec_eq_by_form. intro w. rewrite form_add_l, form_vsub_l. ring. }
    rewrite Hq' at 1. apply vnorm_triangle. }
  pose proof (vnorm_nonneg E (vsub E (p m) p0)). pose proof (vnorm_nonneg E (vsub E (q m) q0)).
  pose proof (vnorm_nonneg E p0). pose proof (vnorm_nonneg E q0). pose proof (vnorm_nonneg E (q m)).
  assert (B1 : vnorm (vsub E (p m) p0) * vnorm (q m) <= d * (vnorm q0 + 1)).
  { apply Rmult_le_compat; try lra. }
  assert (B2 : vnorm p0 * vnorm (vsub E (q m) q0) <= vnorm p0 * d).
  { apply Rmult_le_compat_l; lra. }
  pose proof (Rabs_triang (form (vsub E (p m) p0) (q m)) (form p0 (vsub E (q m) q0))) as T.
  rewrite <- Hid in T.
  pose proof (Rle_abs (form (p m) (q m) - form p0 q0)).
  unfold K in HdK. lra.
Qed.

Theorem L5_limit_on_exposed_face (t : nat -> E) :
  (forall i, (i < n)%nat -> converges (fun m => iterate n alpha m z i) (t i)) ->
  forall i, (i < n)%nat ->
    (forall l, (l < n)%nat -> form (t i) (t l) <= form (t i) (t i)) /\
    (forall w, convex_comb n w z (t i) -> (forall l, (l < n)%nat -> w l <> 0 -> leader n z l) ->
       forall l, (l < n)%nat -> w l <> 0 ->
       forall l', (l' < n)%nat -> leader n z l' -> form (t i) (z l') <= form (t i) (z l)).
Proof.
  intros Hc i Hi.
  assert (Hfix : fixed_point t) by (intros i' Hi'; apply L6_limit_fixed_point; [exact Hc | exact Hi']).
  (* every attended token's limit maximises <A t_i, .> over the limits *)
  assert (Hatt : forall j l, InC n z i j -> (l < n)%nat -> form (t i) (t l) <= form (t i) (t j)).
  { intros j l Hj Hl.
    assert (H : 0 <= form (t i) (vsub E (t j) (t l))).
    { apply (form_limit_nonneg (fun m => x m i) (fun m => vsub E (x m j) (x m l))).
      - exact (Hc i Hi).
      - apply converges_sub; [apply Hc; exact (proj1 Hj) | apply Hc; exact Hl].
      - intro m. apply (proj2 (constant_pattern m i j Hi)) in Hj. destruct Hj as [_ Hmax].
        pose proof (Hmax l Hl) as Hs. unfold score in Hs. unfold vsub. rewrite form_add_r, form_opp_r. lra. }
    unfold vsub in H. rewrite form_add_r, form_opp_r in H. lra. }
  assert (Hself : forall l, (l < n)%nat -> form (t i) (t l) <= form (t i) (t i)).
  { intros l Hl. pose proof (card_INR_pos E n z i ltac:(lia)) as Hk.
    rewrite (fixed_point_form t i (t i) Hi Hfix).
    replace (form (t i) (t l)) with (/ INR (card n z i) * (INR (card n z i) * form (t i) (t l))) by (field; lra).
    apply Rmult_le_compat_l; [left; apply Rinv_0_lt_compat; exact Hk|].
    rewrite card_INR, Rmult_comm, <- rsum_scal. apply rsum_le. intros j Hj.
    unfold indic. destruct (inC n z i j) eqn:Hin; [|lra].
    apply inC_spec in Hin. rewrite (form_sym _ (t j) (t i)). pose proof (Hatt j l Hin Hl). lra. }
  split; [exact Hself|].
  intros w [Hw [Hsum Ht]] Hwl l Hl Hwl0 l' Hl' Hlead'.
  assert (Hlim : forall k, (k < n)%nat -> leader n z k -> t k = z k)
    by (intros k Hk Hlk; apply (leader_limit (t k) k Hk Hlk (Hc k Hk))).
  set (M := form (t i) (t i)).
  assert (Hterms : forall k, (k < n)%nat -> 0 <= w k * (M - form (t i) (z k))).
  { intros k Hk. destruct (Req_EM_T (w k) 0) as [H0|H0]; [rewrite H0; lra|].
    apply Rmult_le_pos; [apply Hw; exact Hk|].
    rewrite <- (Hlim k Hk (Hwl k Hk H0)). pose proof (Hself k Hk). unfold M. lra. }
  assert (Hzero : rsum n (fun k => w k * (M - form (t i) (z k))) = 0).
  { rewrite (rsum_ext _ _ (fun k => M * w k - w k * form (t i) (z k))) by (intros; ring).
    rewrite rsum_minus', rsum_scal, Hsum.
    assert (HM : M = rsum n (fun k => w k * form (t i) (z k))).
    { unfold M. rewrite Ht at 2. rewrite form_vsum_r. apply rsum_ext. intros k _. apply form_scal_r. }
    rewrite <- HM. ring. }
  pose proof (rsum_nonneg_zero n _ Hterms Hzero l Hl) as Hl0.
  assert (HMl : form (t i) (z l) = M).
  { destruct (Rmult_integral _ _ Hl0) as [H|H]; [exfalso; exact (Hwl0 H) | lra]. }
  rewrite HMl, <- (Hlim l' Hl' Hlead'). apply Hself. exact Hl'.
Qed.

(** ** Some power of E contracts: [contracting_power]'s recursion falls below 1 within n steps *)

Lemma rsum_lt k (f g : nat -> R) :
  (forall j, (j < k)%nat -> f j <= g j) -> (exists j, (j < k)%nat /\ f j < g j) -> rsum k f < rsum k g.
Proof.
  induction k as [|k IH]; intros Hle [j [Hj Hlt]]; [lia|]. simpl.
  destruct (Nat.eq_dec j k) as [->|Hne].
  - assert (rsum k f <= rsum k g) by (apply rsum_le; intros; apply Hle; lia). lra.
  - assert (rsum k f < rsum k g) by (apply IH; [intros; apply Hle; lia | exists j; split; [lia | exact Hlt]]).
    pose proof (Hle k ltac:(lia)). lra.
Qed.

Lemma exists_true k p : (1 <= count k p)%nat -> exists j, (j < k)%nat /\ p j = true.
Proof.
  induction k as [|k IH]; simpl; intro H; [lia|].
  destruct (p k) eqn:Hp.
  - exists k. split; [lia | exact Hp].
  - destruct IH as [j [Hj Hpj]]; [lia|]. exists j. split; [lia | exact Hpj].
Qed.

Lemma count_true k : count k (fun _ => true) = k.
Proof. induction k as [|k IH]; simpl; [reflexivity|]. rewrite IH. lia. Qed.

Lemma height_lt i : (i < n)%nat -> (height i < n)%nat.
Proof.
  intro Hi. unfold height. rewrite <- (count_true n) at 2. apply count_lt with i.
  - intros; reflexivity.
  - exact Hi.
  - destruct (Rlt_dec (form (z i) (z i)) (form (z i) (z i))); [lra | reflexivity].
  - reflexivity.
Qed.

Lemma row_form i (f : nat -> R) : (i < n)%nat ->
  rsum n (fun j => weight n alpha z i j * f j)
  = / (1 + alpha) * (f i + alpha / INR (card n z i) * rsum n (fun j => indic (inC n z i j) * f j)).
Proof.
  intro Hi. pose proof (card_INR_pos E n z i ltac:(lia)) as Hk.
  rewrite (rsum_ext _ _ (fun j => / (1 + alpha) * (delta i j * f j)
            + alpha / ((1 + alpha) * INR (card n z i)) * (indic (inC n z i j) * f j))).
  - rewrite rsum_plus, !rsum_scal, rsum_delta_f by exact Hi. field. lra.
  - intros j _. unfold weight. field. lra.
Qed.

Lemma leader_copies_leader i j : leader n z i -> InC n z i j -> leader n z j.
Proof.
  intros Hl Hj j' Hj'. assert (Heq : z j = z i) by (apply Hl; exact Hj).
  assert (Hi' : InC n z i j').
  { apply inC_spec. rewrite (inC_copies i j j' (eq_sym Heq)). apply inC_spec. exact Hj'. }
  rewrite (Hl j' Hi'), Heq. reflexivity.
Qed.

(** Copy classes of z, as the C++ lumps them (numerics/copy_classes.hpp): [first l] iff no earlier
    token is a copy of z_l; [classes] is their number. *)
Definition first (l : nat) : bool := all_below l (fun l' => negb (copyb l' l)).
Definition classes : nat := count n first.

Lemma all_below_false k p : all_below k p = false -> exists l, (l < k)%nat /\ p l = false.
Proof.
  induction k as [|k IH]; simpl; intro H; [discriminate|].
  destruct (p k) eqn:Hp.
  - rewrite andb_true_r in H. destruct (IH H) as [l [Hl Hpl]]. exists l. split; [lia | exact Hpl].
  - exists k. split; [lia | exact Hp].
Qed.

Lemma representative j : exists r, (r <= j)%nat /\ first r = true /\ z r = z j.
Proof.
  induction j as [j IH] using lt_wf_ind.
  destruct (first j) eqn:Hf; [exists j; split; [lia | split; [exact Hf | reflexivity]]|].
  destruct (all_below_false _ _ Hf) as [l [Hl Hc]].
  apply negb_false_iff, copyb_spec in Hc.
  destruct (IH l Hl) as [r [Hr [Hfr Hzr]]]. exists r. split; [lia|]. split; [exact Hfr|].
  rewrite Hzr. exact Hc.
Qed.

Definition Rltb' (a b : R) : bool := if Rlt_dec a b then true else false.

(** The number of copy classes of strictly larger A-norm. *)
Definition class_height (i : nat) : nat :=
  count n (fun l => first l && Rltb' (form (z i) (z i)) (form (z l) (z l))).

Lemma class_height_other i j : (i < n)%nat -> other i j = true -> (class_height j < class_height i)%nat.
Proof.
  intros Hi Ho. destruct (other_attends i j Ho) as [Hc Hne].
  assert (Hj : (j < n)%nat) by exact (proj1 Hc).
  assert (Hlt : form (z i) (z i) < form (z j) (z j)).
  { destruct (Rle_lt_dec (form (z j) (z j)) (form (z i) (z i))) as [Hle|Hlt]; [|exact Hlt].
    exfalso. apply Hne. apply (L6_equal_norm_edge E n z i j); [split; assumption | exact Hle]. }
  destruct (representative j) as [r [Hr [Hfr Hzr]]].
  unfold class_height. apply count_lt with r; [| lia | |].
  - intros l _ H. apply andb_true_iff in H as [Hf H]. rewrite Hf. simpl. unfold Rltb' in *.
    destruct (Rlt_dec (form (z j) (z j)) _) as [H1|]; [|discriminate].
    destruct (Rlt_dec (form (z i) (z i)) _); [reflexivity|]. lra.
  - rewrite Hfr. simpl. unfold Rltb'. rewrite Hzr.
    destruct (Rlt_dec (form (z j) (z j)) (form (z j) (z j))); [lra | reflexivity].
  - rewrite Hfr. simpl. unfold Rltb'. rewrite Hzr.
    destruct (Rlt_dec (form (z i) (z i)) (form (z j) (z j))); [reflexivity | lra].
Qed.

Lemma class_height_lt i : (i < n)%nat -> (class_height i < classes)%nat.
Proof.
  intro Hi. destruct (representative i) as [r [Hr [Hfr Hzr]]].
  unfold class_height, classes. apply count_lt with r; [| lia | |].
  - intros l _ H. apply andb_true_iff in H as [Hf _]. exact Hf.
  - rewrite Hfr. simpl. unfold Rltb'. rewrite Hzr.
    destruct (Rlt_dec (form (z i) (z i)) (form (z i) (z i))); [lra | reflexivity].
  - exact Hfr.
Qed.

Section ContractingPower.

Variable s : nat -> nat -> R.
Hypothesis s_rec : forall k i, (i < n)%nat -> s (S k) i = rsum n (fun j => weight n alpha z i j * s k j).
Hypothesis s0_bounds : forall j, (j < n)%nat -> 0 <= s O j <= 1.
Hypothesis s0_leaders : forall l, (l < n)%nat -> leader n z l -> s O l < 1.

Lemma s_bounds k j : (j < n)%nat -> 0 <= s k j <= 1.
Proof.
  revert j. induction k as [|k IH]; intros j Hj; [apply s0_bounds; exact Hj|].
  rewrite s_rec by exact Hj. split.
  - apply rsum_nonneg. intros l Hl. apply Rmult_le_pos; [apply L3_weights_nonneg; [exact alpha_pos | lia]|].
    apply IH. exact Hl.
  - rewrite <- (L3_weights_sum E n alpha alpha_pos z j Hj). apply rsum_le. intros l Hl.
    pose proof (IH l Hl). assert (0 <= weight n alpha z j l) by (apply L3_weights_nonneg; [exact alpha_pos | lia]).
    nra.
Qed.

Lemma s_leaders k l : (l < n)%nat -> leader n z l -> s k l < 1.
Proof.
  revert l. induction k as [|k IH]; intros l Hl Hlead; [apply s0_leaders; assumption|].
  pose proof (card_INR_pos E n z l ltac:(lia)) as Hk.
  rewrite s_rec, row_form by exact Hl.
  assert (Hsum : rsum n (fun j => indic (inC n z l j) * s k j) < INR (card n z l)).
  { rewrite card_INR. apply rsum_lt.
    - intros j Hj. pose proof (s_bounds k j Hj). unfold indic. destruct (inC n z l j); lra.
    - destruct (InC_nonempty E n z l ltac:(lia)) as [j Hj]. exists j. split; [exact (proj1 Hj)|].
      pose proof (IH j (proj1 Hj) (leader_copies_leader l j Hlead Hj)).
      apply inC_spec in Hj. unfold indic. rewrite Hj. lra. }
  pose proof (IH l Hl Hlead) as Hsl.
  assert (alpha / INR (card n z l) * rsum n (fun j => indic (inC n z l j) * s k j) < alpha).
  { apply (Rmult_lt_reg_l (INR (card n z l))); [exact Hk|].
    replace (INR (card n z l) * (alpha / INR (card n z l) * rsum n (fun j => indic (inC n z l j) * s k j)))
      with (alpha * rsum n (fun j => indic (inC n z l j) * s k j)) by (field; lra).
    nra. }
  apply (Rmult_lt_reg_l (1 + alpha)); [lra|]. rewrite <- Rmult_assoc, Rinv_r, Rmult_1_l by lra. lra.
Qed.

Lemma s_others k i : (i < n)%nat -> (1 <= count n (other i))%nat ->
  (forall j, (j < n)%nat -> other i j = true -> s k j < 1) -> s (S k) i < 1.
Proof.
  intros Hi Hq Ho. pose proof (card_INR_pos E n z i ltac:(lia)) as Hk.
  pose proof (qcnt_pos i Hq) as HQ. pose proof (pcnt_nonneg i) as HP.
  rewrite s_rec, row_form by exact Hi.
  assert (Hsum : rsum n (fun j => indic (inC n z i j) * s k j) < INR (card n z i)).
  { rewrite card_split. unfold pcnt, qcnt. rewrite <- rsum_plus. apply rsum_lt.
    - intros j Hj. pose proof (s_bounds k j Hj). unfold same, other, indic.
      destruct (inC n z i j), (copyb i j); simpl; lra.
    - destruct (exists_true n (other i) Hq) as [j [Hj Hoj]]. exists j. split; [exact Hj|].
      pose proof (Ho j Hj Hoj). unfold other in Hoj. unfold same, other, indic.
      destruct (inC n z i j), (copyb i j); simpl in *; try discriminate. lra. }
  pose proof (s_bounds k i Hi) as Hsi.
  assert (alpha / INR (card n z i) * rsum n (fun j => indic (inC n z i j) * s k j) < alpha).
  { apply (Rmult_lt_reg_l (INR (card n z i))); [exact Hk|].
    replace (INR (card n z i) * (alpha / INR (card n z i) * rsum n (fun j => indic (inC n z i j) * s k j)))
      with (alpha * rsum n (fun j => indic (inC n z i j) * s k j)) by (field; lra).
    nra. }
  apply (Rmult_lt_reg_l (1 + alpha)); [lra|]. rewrite <- Rmult_assoc, Rinv_r, Rmult_1_l by lra. lra.
Qed.

Lemma s_measure (hm : nat -> nat) :
  (forall i j, (i < n)%nat -> other i j = true -> (hm j < hm i)%nat) ->
  forall h i, (i < n)%nat -> hm i = h -> forall k, (h < k)%nat -> s k i < 1.
Proof.
  intros Hm h. induction h as [h IH] using lt_wf_ind. intros i Hi Hh k Hk.
  destruct (Nat.eq_dec (count n (other i)) O) as [H0|Hq].
  - apply s_leaders; [exact Hi|]. intros j Hj. pose proof (count_zero _ _ H0 j (proj1 Hj)) as Ho.
    unfold other in Ho. apply inC_spec in Hj. rewrite Hj in Ho. simpl in Ho.
    destruct (copyb i j) eqn:Hc; [|discriminate]. symmetry. apply copyb_spec. exact Hc.
  - destruct k as [|k]; [lia|]. apply s_others; [exact Hi | lia |].
    intros j Hj Ho. pose proof (Hm i j Hi Ho) as Hlt.
    apply (IH (hm j) ltac:(lia) j Hj eq_refl). lia.
Qed.

Lemma s_height h : forall i, (i < n)%nat -> height i = h -> forall k, (h < k)%nat -> s k i < 1.
Proof. apply s_measure. exact height_other. Qed.

(** From s 0 in [0, 1] with s 0 < 1 on the leaders (the C++ starts from 1 on the transient classes and
    0 on the leaders'), s n is below some rho < 1 on every row: a contracting power q <= n exists. *)
Theorem L6_contracting_power_exists :
  (forall k i, (n <= k)%nat -> (i < n)%nat -> s k i < 1) /\
  ((1 <= n)%nat -> exists rho, rho < 1 /\ forall i, (i < n)%nat -> s n i <= rho).
Proof.
  assert (Hall : forall k i, (n <= k)%nat -> (i < n)%nat -> s k i < 1).
  { intros k i Hk Hi. apply (s_height (height i) i Hi eq_refl). pose proof (height_lt i Hi). lia. }
  split; [exact Hall|]. intro Hn.
  destruct (exists_argmax n (s n) Hn) as [j [Hj Hmax]].
  exists (s n j). split; [apply Hall; [lia | exact Hj] | exact Hmax].
Qed.

(** The bound of the C++ loop: from step [classes] (the number of copy classes of z) on, every row of
    the recursion is below 1, so [contracting_power] returns some q <= classes and never reaches its
    "no contracting power" error. *)
Theorem L6_contracting_power_classes :
  forall k i, (classes <= k)%nat -> (i < n)%nat -> s k i < 1.
Proof.
  intros k i Hk Hi. apply (s_measure class_height class_height_other (class_height i) i Hi eq_refl).
  pose proof (class_height_lt i Hi). lia.
Qed.

End ContractingPower.

End Convergence.

Lemma iterate_add (E : InnerSpace) n alpha m K (z0 : nat -> E) :
  iterate n alpha (m + K) z0 = iterate n alpha m (iterate n alpha K z0).
Proof. induction m as [|m IH]; simpl; [reflexivity|]. rewrite IH. reflexivity. Qed.

Section FromLayer.

Variable E : InnerSpace.
Variable n : nat.
Variable alpha : R.
Hypothesis alpha_pos : 0 < alpha.

(** The pattern of Z^m is that of Z^K for every m >= K: every token of Z^m converges, to a
    convex combination of the leaders of Z^K. *)
Theorem L6_limit_from_layer (z0 : nat -> E) K :
  (forall m i j, (K <= m)%nat -> (i < n)%nat ->
     (InC n (iterate n alpha m z0) i j <-> InC n (iterate n alpha K z0) i j)) ->
  forall i, (i < n)%nat ->
  exists t w, converges (fun m => iterate n alpha m z0 i) t /\
    convex_comb n w (iterate n alpha K z0) t /\
    (forall l, (l < n)%nat -> w l <> 0 -> leader n (iterate n alpha K z0) l).
Proof.
  intros Hpat i Hi.
  assert (Hc : forall m i j, (i < n)%nat ->
     (InC n (iterate n alpha m (iterate n alpha K z0)) i j <-> InC n (iterate n alpha K z0) i j)).
  { intros m i' j Hi'. rewrite <- iterate_add. apply Hpat; [lia | exact Hi']. }
  destruct (L6_constant_pattern_limit E n alpha alpha_pos _ Hc i Hi) as [t [w [Hconv Hw]]].
  exists t, w. split; [|exact Hw].
  intros eps Heps. destruct (Hconv eps Heps) as [N HN]. exists (N + K)%nat. intros m Hm.
  replace m with ((m - K) + K)%nat by lia. rewrite iterate_add. apply HN. lia.
Qed.

End FromLayer.
