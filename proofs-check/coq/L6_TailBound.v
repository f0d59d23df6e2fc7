(** * L6_TailBound.v -- THEORY.md L6, the general certificate's tail bound, abstractly.

    proofs-check/general_certificate.cpp decides a strict preference "i prefers c to j for ever" whose
    limit f(inf) = <A z*_i, z*_c - z*_j> is positive by a tail bound: with E = T - T^inf, a power E^q of
    exact infinity-norm rho < 1 ([contracting_power], pattern_chain.cpp) gives, from a layer K + m0 on,
    ||Z^{K+m} - Z*|| <= rho^floor((m - m0)/q) ||Z^{K+m0} - Z*||, and [preference_tail_bound]
    (general_certificate.hpp) turns deviations into a bound on |f(m) - f(inf)|; once the bound is
    below f(inf), f stays positive.  Proved here, for real sequences and for an abstract norm N on the
    space together with a constant S such that |<A x, y>| <= S N(x) N(y) (in the C++, N is the max norm
    and S = sum |A_rs|):
    - [L6_tail_geometric]: e(m + q) <= rho e(m) for all m (rho >= 0, q >= 1) and e(m) <= B for m < q
      give e(m) <= B rho^(m / q) for every m (m / q is floor division);
    - [L6_tail_from_start]: if moreover e is non-increasing, e(m) <= e(m0) rho^((m - m0) / q) for every
      m >= m0 (the C++ [tail_bound]: start, deviation_at_start, rho, q);
    - [L6_tail_preference_strict]: |f(m) - f(inf)| <= bound < f(inf) for every m >= m0 gives f(m) > 0
      for every m >= m0 (a strict preference decided by the tail stays strict);
    - [L6_preference_tail_bound]: |<A x_i, x_c - x_j> - <A s_i, s_c - s_j>| <=
      S (N(s_i)(d_c + d_j) + d_i N(s_c - s_j) + d_i (d_c + d_j)) with d_k = N(x_k - s_k): the C++
      [preference_tail_bound], term for term;
    - [L6_deviation_nonincreasing]: a convex combination (a row of T) of points each within D of its
      target, compared with the same combination of the targets, is within D: one layer of a constant
      pattern does not increase the deviation from a limit that is a fixed point of T (why e is
      non-increasing, and why the deviation of a class bounds those of all later layers);
    - [L6_tail_norm_instance]: the A-norm with S = 1 satisfies the hypotheses on N (so they are not vacuous);
    - [L6_tail_contraction], [L6_tail_step]: under a constant pattern, with t the limits, and the
      recursion s (k+1) i = sum_j T_ij s k j of [contracting_power] (pattern_chain.cpp): deviations
      N(z_j^m - t_j) <= e s 0 j give N(z_i^{m+k} - t_i) <= e s k i; so if s q i <= rho on every row,
      e(m + q) <= rho e(m) (the hypothesis of [L6_tail_geometric]);
    - [L6_deviation_bound_persists]: a bound on every deviation at layer m holds at every later layer;
    - [L6_tail_bound]: the C++ [tail_bound] in full: if every deviation at layer m0 is at most e0 and
      the recursion from s 0 >= 0, s 0 >= 1 off the leaders, is at most rho after q steps on every row,
      then N(z_i^m - t_i) <= e0 rho^((m - m0) / q) for every m >= m0 and i < n;
    - [L6_reach_deviation_persists]: for a set of tokens closed under attention (the classes a class
      reaches, over which the C++ takes [dev]), a bound on their deviations at layer m holds at every
      later layer;
    - [L6_tail_decision_sound]: if from layer m on the deviations of i, c, j stay below Di, Dc, Dj and
      S (N(t_i)(Dc + Dj) + Di N(t_c - t_j) + Di (Dc + Dj)) < <A t_i, t_c - t_j>, then
      <A z_i^m', z_j^m'> < <A z_i^m', z_c^m'> for every m' >= m: a preference decided by the tail
      bound holds at every later layer;
    - [L6_max_norm_form_bound]: in coordinates, |x^T A y| <= (sum_rs |A_rs|) X Y when |x_r| <= X and
      |y_s| <= Y: the constant S = size_of_A_ of the C++ for the max norm.
    That some power q has s q < 1 on every row is [L6_contracting_power_exists] (L6_Convergence.v).
    Not formalised: the lumping of copies into the classes on which the C++ runs the recursion, and
    the max norm as an instance of N on an [InnerSpace] of coordinates. *)

From Coq Require Import Reals Lra Lia Arith Psatz.
From Hardmax Require Import Space Sums Attention L3_ConvexWeights L2_Persistence L6_Convergence.
Open Scope R_scope.

Theorem L6_tail_geometric (e : nat -> R) (q : nat) (rho B : R) :
  (1 <= q)%nat -> 0 <= rho ->
  (forall m, e (m + q)%nat <= rho * e m) -> (forall m, (m < q)%nat -> e m <= B) ->
  forall m, e m <= B * rho ^ (m / q).
Proof.
  intros Hq Hrho Hstep H0 m. induction m as [m IH] using lt_wf_ind.
  destruct (Nat.lt_ge_cases m q) as [Hlt|Hge].
  - rewrite Nat.div_small by exact Hlt. simpl. rewrite Rmult_1_r. apply H0. exact Hlt.
  - assert (Hdiv : (m / q = S ((m - q) / q))%nat).
    { replace m with ((m - q) + 1 * q)%nat at 1 by lia. rewrite Nat.div_add by lia. lia. }
    rewrite Hdiv. simpl.
    pose proof (Hstep (m - q)%nat) as Hs. replace (m - q + q)%nat with m in Hs by lia.
    pose proof (IH (m - q)%nat ltac:(lia)) as Hi.
    assert (rho * e (m - q)%nat <= rho * (B * rho ^ ((m - q) / q))) by (apply Rmult_le_compat_l; assumption).
    lra.
Qed.

Theorem L6_tail_from_start (e : nat -> R) (q : nat) (rho : R) (m0 : nat) :
  (1 <= q)%nat -> 0 <= rho -> (forall m, e (S m) <= e m) ->
  (forall m, e (m + q)%nat <= rho * e m) ->
  forall m, (m0 <= m)%nat -> e m <= e m0 * rho ^ ((m - m0) / q).
Proof.
  intros Hq Hrho Hmono Hstep m Hm.
  assert (Hdec : forall k, e (k + m0)%nat <= e m0).
  { induction k as [|k IH]; simpl; [lra|]. pose proof (Hmono (k + m0)%nat). lra. }
  pose proof (L6_tail_geometric (fun k => e (k + m0)%nat) q rho (e m0) Hq Hrho) as G.
  replace m with ((m - m0) + m0)%nat at 1 by lia. apply G.
  - intro k. replace (k + q + m0)%nat with ((k + m0) + q)%nat by lia. apply Hstep.
  - intros k _. apply Hdec.
Qed.

Theorem L6_tail_preference_strict (f : nat -> R) (finf bound : R) (m0 : nat) :
  bound < finf -> (forall m, (m0 <= m)%nat -> Rabs (f m - finf) <= bound) ->
  forall m, (m0 <= m)%nat -> 0 < f m.
Proof.
  intros Hb H m Hm. pose proof (H m Hm) as Hf.
  assert (finf - f m <= Rabs (f m - finf)).
  { rewrite <- Rabs_Ropp. replace (- (f m - finf)) with (finf - f m) by ring. apply Rle_abs. }
  lra.
Qed.

Section AbstractNorm.

Variable E : InnerSpace.
Variable N : E -> R.
Variable S : R.
Hypothesis N_nonneg : forall x, 0 <= N x.
Hypothesis N_triangle : forall x y, N (vadd x y) <= N x + N y.
Hypothesis N_opp : forall x, N (vopp x) = N x.
Hypothesis N_scal : forall a x, 0 <= a -> N (vscal a x) = a * N x.
Hypothesis S_nonneg : 0 <= S.
Hypothesis form_bound : forall x y, Rabs (form x y) <= S * N x * N y.

Lemma form_vsub_r (a b w : E) : form w (vsub E a b) = form w a - form w b.
Proof. unfold vsub. rewrite form_add_r, form_opp_r. ring. Qed.

Lemma N_sub x y : N (vsub E x y) <= N x + N y.
Proof. unfold vsub. rewrite <- (N_opp y). apply N_triangle. Qed.

Theorem L6_preference_tail_bound (xi xc xj si sc sj : E) :
  Rabs (form xi (vsub E xc xj) - form si (vsub E sc sj))
  <= S * (N si * (N (vsub E xc sc) + N (vsub E xj sj))
          + N (vsub E xi si) * N (vsub E sc sj)
          + N (vsub E xi si) * (N (vsub E xc sc) + N (vsub E xj sj))).
Proof.
  set (di := vsub E xi si). set (dc := vsub E xc sc). set (dj := vsub E xj sj).
  assert (Hid : form xi (vsub E xc xj) - form si (vsub E sc sj)
                = form si (vsub E dc dj) + form di (vsub E sc sj) + form di (vsub E dc dj)).
  { unfold di, dc, dj. repeat rewrite ?form_vsub_r, ?form_vsub_l. ring. }
  rewrite Hid.
  pose proof (form_bound si (vsub E dc dj)) as B1.
  pose proof (form_bound di (vsub E sc sj)) as B2.
  pose proof (form_bound di (vsub E dc dj)) as B3.
  pose proof (N_sub dc dj) as Hd.
  pose proof (N_nonneg si). pose proof (N_nonneg di). pose proof (N_nonneg dc). pose proof (N_nonneg dj).
  pose proof (N_nonneg (vsub E dc dj)).
  assert (S * N si * N (vsub E dc dj) <= S * N si * (N dc + N dj)).
  { apply Rmult_le_compat_l; [apply Rmult_le_pos|]; assumption. }
  assert (S * N di * N (vsub E dc dj) <= S * N di * (N dc + N dj)).
  { apply Rmult_le_compat_l; [apply Rmult_le_pos|]; assumption. }
  eapply Rle_trans; [apply Rabs_triang|].
  pose proof (Rabs_triang (form si (vsub E dc dj)) (form di (vsub E sc sj))). lra.
Qed.

Lemma N_zero : N vzero = 0.
Proof.
  rewrite <- (vscal_zero_l E vzero), N_scal by lra. ring.
Qed.

Lemma N_vsum k (f : nat -> E) : N (vsum k f) <= rsum k (fun j => N (f j)).
Proof.
  induction k as [|k IH]; simpl; [rewrite N_zero; lra|].
  pose proof (N_triangle (vsum k f) (f k)). lra.
Qed.

Theorem L6_deviation_nonincreasing (k : nat) (w : nat -> R) (x s : nat -> E) (D : R) :
  (forall b, (b < k)%nat -> 0 <= w b) -> rsum k w = 1 ->
  (forall b, (b < k)%nat -> w b <> 0 -> N (vsub E (x b) (s b)) <= D) ->
  N (vsub E (vsum k (fun b => vscal (w b) (x b))) (vsum k (fun b => vscal (w b) (s b)))) <= D.
Proof.
  intros Hw Hsum Hd.
  assert (Hid : vsub E (vsum k (fun b => vscal (w b) (x b))) (vsum k (fun b => vscal (w b) (s b)))
                = vsum k (fun b => vscal (w b) (vsub E (x b) (s b)))).
  { apply vec_eq_by_form. intro y. rewrite form_vsub_l, !form_vsum_l, <- rsum_minus'.
    apply rsum_ext. intros b _. rewrite !form_scal_l, form_vsub_l. ring. }
  rewrite Hid. eapply Rle_trans; [apply N_vsum|].
  rewrite <- (Rmult_1_r D), <- Hsum, <- rsum_scal.
  apply rsum_le. intros b Hb. rewrite N_scal by (apply Hw; exact Hb).
  destruct (Req_EM_T (w b) 0) as [H0|H0].
  - rewrite H0. lra.
  - rewrite (Rmult_comm D). apply Rmult_le_compat_l; [apply Hw; exact Hb | apply Hd; assumption].
Qed.

End AbstractNorm.

(** The A-norm satisfies the hypotheses on N, with S = 1 (Cauchy-Schwarz). *)
Theorem L6_tail_norm_instance (E : InnerSpace) :
  (forall x : E, 0 <= vnorm x) /\ (forall x y : E, vnorm (vadd x y) <= vnorm x + vnorm y) /\
  (forall x : E, vnorm (vopp x) = vnorm x) /\ (forall a (x : E), 0 <= a -> vnorm (vscal a x) = a * vnorm x) /\
  (forall x y : E, Rabs (form x y) <= 1 * vnorm x * vnorm y).
Proof.
  split; [apply vnorm_nonneg|]. split; [apply vnorm_triangle|]. split.
  - intro x. unfold vnorm. rewrite form_opp_l, form_opp_r. f_equal. ring.
  - split; [apply vnorm_scal|]. intros x y. rewrite Rmult_1_l. apply Rabs_le. split.
    + pose proof (form_le_norms E x (vopp y)) as H. rewrite form_opp_r in H.
      assert (Hv : vnorm (vopp y) = vnorm y)
        by (unfold vnorm; rewrite form_opp_l, form_opp_r; f_equal; ring).
      rewrite Hv in H. lra.
    + apply form_le_norms.
Qed.

(** ** Why rho bounds q layers: the recursion of [contracting_power] *)

Section TailContraction.

Variable E : InnerSpace.
Variable N : E -> R.
Hypothesis N_nonneg : forall x, 0 <= N x.
Hypothesis N_triangle : forall x y, N (vadd x y) <= N x + N y.
Hypothesis N_scal : forall a x, 0 <= a -> N (vscal a x) = a * N x.
Variable n : nat.
Variable alpha : R.
Hypothesis alpha_pos : 0 < alpha.
Variable z : nat -> E.
Hypothesis constant_pattern :
  forall m i j, (i < n)%nat -> (InC n (iterate n alpha m z) i j <-> InC n z i j).
Variable t : nat -> E.
Hypothesis t_limits : forall i, (i < n)%nat -> converges (fun m => iterate n alpha m z i) (t i).

Lemma N_zero_c : N vzero = 0.
Proof. rewrite <- (vscal_zero_l E vzero), N_scal by lra. ring. Qed.

Lemma N_vsum_c k (f : nat -> E) : N (vsum k f) <= rsum k (fun j => N (f j)).
Proof.
  induction k as [|k IH]; simpl; [rewrite N_zero_c; lra|].
  pose proof (N_triangle (vsum k f) (f k)). lra.
Qed.

(** With [s (k+1) i = sum_j T_ij s k j] (row i of T = [weight]; pattern_chain.cpp's
    [contracting_power] runs this recursion from s 0 = 1 on the transient classes, 0 on the leaders'),
    deviations bounded by [e * s 0 j] at layer m are bounded by [e * s k i] at layer m + k. *)
Theorem L6_tail_contraction (m : nat) (e : R) (s : nat -> nat -> R) :
  0 <= e ->
  (forall j, (j < n)%nat -> N (vsub E (iterate n alpha m z j) (t j)) <= e * s O j) ->
  (forall k i, (i < n)%nat -> s (S k) i = rsum n (fun j => weight n alpha z i j * s k j)) ->
  forall k i, (i < n)%nat -> N (vsub E (iterate n alpha (k + m) z i) (t i)) <= e * s k i.
Proof.
  intros He H0 Hs k. induction k as [|k IH]; intros i Hi; [exact (H0 i Hi)|].
  change (S k + m)%nat with (S (k + m)).
  rewrite (step_comb E n alpha alpha_pos z constant_pattern (k + m) i Hi).
  rewrite (L6_limit_fixed_point E n alpha alpha_pos z constant_pattern t t_limits i Hi).
  rewrite vsub_comb. eapply Rle_trans; [apply N_vsum_c|].
  rewrite Hs, <- rsum_scal by exact Hi. apply rsum_le. intros j Hj.
  assert (Hw : 0 <= weight n alpha z i j) by (apply L3_weights_nonneg; [exact alpha_pos | lia]).
  rewrite N_scal by exact Hw. pose proof (IH j Hj).
  replace (e * (weight n alpha z i j * s k j)) with (weight n alpha z i j * (e * s k j)) by ring.
  apply Rmult_le_compat_l; assumption.
Qed.

(** Hence, if the recursion is below rho after q steps on every row, q layers multiply the deviation
    bound by rho: e(m + q) <= rho e(m), the hypothesis of [L6_tail_geometric]. *)
Corollary L6_tail_step (m q : nat) (e rho : R) (s : nat -> nat -> R) :
  0 <= e ->
  (forall j, (j < n)%nat -> N (vsub E (iterate n alpha m z j) (t j)) <= e * s O j) ->
  (forall k i, (i < n)%nat -> s (S k) i = rsum n (fun j => weight n alpha z i j * s k j)) ->
  (forall i, (i < n)%nat -> s q i <= rho) ->
  forall i, (i < n)%nat -> N (vsub E (iterate n alpha (q + m) z i) (t i)) <= rho * e.
Proof.
  intros He H0 Hs Hq i Hi. pose proof (L6_tail_contraction m e s He H0 Hs q i Hi).
  pose proof (Hq i Hi). assert (e * s q i <= e * rho) by (apply Rmult_le_compat_l; assumption). lra.
Qed.

End TailContraction.

Section TailBoundTheorem.

Variable E : InnerSpace.
Variable N : E -> R.
Hypothesis N_nonneg : forall x, 0 <= N x.
Hypothesis N_triangle : forall x y, N (vadd x y) <= N x + N y.
Hypothesis N_scal : forall a x, 0 <= a -> N (vscal a x) = a * N x.
Variable n : nat.
Variable alpha : R.
Hypothesis alpha_pos : 0 < alpha.
Variable z : nat -> E.
Hypothesis constant_pattern :
  forall m i j, (i < n)%nat -> (InC n (iterate n alpha m z) i j <-> InC n z i j).
Variable t : nat -> E.
Hypothesis t_limits : forall i, (i < n)%nat -> converges (fun m => iterate n alpha m z i) (t i).

Local Notation dev m j := (N (vsub E (iterate n alpha m z j) (t j))).

Lemma leader_dev_zero m l : (l < n)%nat -> leader n z l -> dev m l = 0.
Proof.
  intros Hl Hlead.
  pose proof (L2_leader_fixed_forever E n alpha alpha_pos z l 0 m Hl Hlead) as Hf.
  rewrite Nat.add_0_r in Hf. change (iterate n alpha 0 z l) with (z l) in Hf.
  rewrite Hf, (leader_limit E n alpha alpha_pos z (t l) l Hl Hlead (t_limits l Hl)).
  unfold vsub. rewrite vadd_opp_r. rewrite <- (vscal_zero_l E vzero), N_scal by lra. ring.
Qed.

(** A deviation bound at layer m holds at every later layer (s = 1 in [L6_tail_contraction]). *)
Corollary L6_deviation_bound_persists m e :
  0 <= e -> (forall j, (j < n)%nat -> dev m j <= e) -> forall k i, (i < n)%nat -> dev (k + m) i <= e.
Proof.
  intros He H0 k i Hi.
  pose proof (L6_tail_contraction E N N_triangle N_scal n alpha alpha_pos z constant_pattern t t_limits
                m e (fun _ _ => 1) He) as T.
  rewrite <- (Rmult_1_r e). apply T; [| |exact Hi].
  - intros j Hj. rewrite Rmult_1_r. apply H0. exact Hj.
  - intros k' i' Hi'. rewrite (rsum_ext _ _ (weight n alpha z i')) by (intros; ring).
    symmetry. apply L3_weights_sum; assumption.
Qed.

(** The C++ [tail_bound] in full: from a layer m0 where every deviation is at most e0, with the
    recursion s from s 0 >= 0, s 0 >= 1 off the leaders, below rho after q steps on every row:
    N(z_i^m - t_i) <= e0 rho^floor((m - m0)/q) for every m >= m0. *)
Theorem L6_tail_bound (m0 q : nat) (e0 rho : R) (s : nat -> nat -> R) :
  (1 <= q)%nat -> 0 <= rho -> 0 <= e0 ->
  (forall j, (j < n)%nat -> dev m0 j <= e0) ->
  (forall k i, (i < n)%nat -> s (S k) i = rsum n (fun j => weight n alpha z i j * s k j)) ->
  (forall j, (j < n)%nat -> 0 <= s O j) -> (forall j, (j < n)%nat -> 1 <= s O j \/ leader n z j) ->
  (forall i, (i < n)%nat -> s q i <= rho) ->
  forall m i, (m0 <= m)%nat -> (i < n)%nat -> dev m i <= e0 * rho ^ ((m - m0) / q).
Proof.
  intros Hq Hrho He0 H0 Hs Hs0 Hs1 Hsq m i Hm Hi.
  assert (P : forall r i, (i < n)%nat -> dev (r + m0) i <= e0 * rho ^ (r / q)).
  { intro r. induction r as [r IH] using lt_wf_ind. intros i' Hi'.
    destruct (Nat.lt_ge_cases r q) as [Hlt|Hge].
    - rewrite Nat.div_small by exact Hlt. simpl. rewrite Rmult_1_r.
      apply L6_deviation_bound_persists; assumption.
    - assert (Hdiv : (r / q = S ((r - q) / q))%nat).
      { replace r with ((r - q) + 1 * q)%nat at 1 by lia. rewrite Nat.div_add by lia. lia. }
      set (e' := e0 * rho ^ ((r - q) / q)).
      assert (He' : 0 <= e') by (apply Rmult_le_pos; [exact He0 | apply pow_le; exact Hrho]).
      assert (Hbase : forall j, (j < n)%nat -> dev ((r - q) + m0) j <= e' * s O j).
      { intros j Hj. destruct (Hs1 j Hj) as [H1|Hl].
        - pose proof (IH (r - q)%nat ltac:(lia) j Hj) as Hd. fold e' in Hd.
          assert (e' <= e' * s O j) by nra. lra.
        - rewrite (leader_dev_zero _ j Hj Hl). apply Rmult_le_pos; [exact He' | apply Hs0; exact Hj]. }
      pose proof (L6_tail_step E N N_triangle N_scal n alpha alpha_pos z constant_pattern t t_limits
                    ((r - q) + m0) q e' rho s He' Hbase Hs Hsq i' Hi') as T.
      replace (q + (r - q + m0))%nat with (r + m0)%nat in T by lia.
      rewrite Hdiv. simpl. unfold e' in T. lra. }
  replace m with ((m - m0) + m0)%nat at 1 by lia. apply P. exact Hi.
Qed.

(** The deviations of a set of tokens closed under attention (the classes a class reaches: the C++
    [dev]) never exceed their bound at layer m at any later layer. *)
Lemma weight_nonzero i j : weight n alpha z i j <> 0 -> i = j \/ InC n z i j.
Proof.
  unfold weight, delta, indic. intro H.
  destruct (Nat.eqb_spec i j) as [Heq|Hne]; [left; exact Heq|].
  destruct (inC n z i j) eqn:Hin; [right; apply inC_spec; exact Hin|].
  exfalso. apply H. unfold Rdiv. ring.
Qed.

Theorem L6_reach_deviation_persists (P : nat -> Prop) (m : nat) (e : R) :
  0 <= e -> (forall i j, P i -> (i < n)%nat -> InC n z i j -> P j) ->
  (forall j, P j -> (j < n)%nat -> dev m j <= e) ->
  forall k i, P i -> (i < n)%nat -> dev (k + m) i <= e.
Proof.
  intros He Hclosed H0 k. induction k as [|k IH]; intros i Hp Hi; [exact (H0 i Hp Hi)|].
  change (S k + m)%nat with (S (k + m)).
  rewrite (step_comb E n alpha alpha_pos z constant_pattern (k + m) i Hi).
  rewrite (L6_limit_fixed_point E n alpha alpha_pos z constant_pattern t t_limits i Hi).
  rewrite vsub_comb. eapply Rle_trans; [apply (N_vsum_c E N N_triangle N_scal)|].
  rewrite <- (Rmult_1_r e), <- (L3_weights_sum E n alpha alpha_pos z i Hi), <- rsum_scal.
  apply rsum_le. intros j Hj.
  assert (Hw : 0 <= weight n alpha z i j) by (apply L3_weights_nonneg; [exact alpha_pos | lia]).
  rewrite N_scal by exact Hw.
  destruct (Req_EM_T (weight n alpha z i j) 0) as [Hz|Hnz]; [rewrite Hz; lra|].
  assert (Hpj : P j) by (destruct (weight_nonzero i j Hnz) as [<-|Hin]; [exact Hp | exact (Hclosed i j Hp Hi Hin)]).
  pose proof (IH j Hpj Hj). rewrite (Rmult_comm e). apply Rmult_le_compat_l; assumption.
Qed.

Variable S : R.
Hypothesis S_nonneg : 0 <= S.
Hypothesis N_opp : forall x, N (vopp x) = N x.
Hypothesis form_bound : forall x y, Rabs (form x y) <= S * N x * N y.

(** A strict preference decided by the tail bound stays strict: if from layer m on the deviations of
    i, c, j stay below Di, Dc, Dj (as [L6_reach_deviation_persists] gives for the C++ [dev]) and the
    bound S (N(t_i)(Dc + Dj) + Di N(t_c - t_j) + Di (Dc + Dj)) is below f(inf) = <A t_i, t_c - t_j>,
    then i prefers c to j at every layer m' >= m. *)
Theorem L6_tail_decision_sound (i c j m : nat) (Di Dc Dj : R) :
  (forall m', (m <= m')%nat -> dev m' i <= Di) -> (forall m', (m <= m')%nat -> dev m' c <= Dc) ->
  (forall m', (m <= m')%nat -> dev m' j <= Dj) ->
  S * (N (t i) * (Dc + Dj) + Di * N (vsub E (t c) (t j)) + Di * (Dc + Dj)) < form (t i) (vsub E (t c) (t j)) ->
  forall m', (m <= m')%nat ->
    form (iterate n alpha m' z i) (iterate n alpha m' z j) < form (iterate n alpha m' z i) (iterate n alpha m' z c).
Proof.
  intros Hi Hc Hj Hb m' Hm'.
  set (x := fun k l => iterate n alpha k z l).
  assert (Hpos : 0 < form (x m' i) (vsub E (x m' c) (x m' j))).
  { apply (L6_tail_preference_strict (fun k => form (x k i) (vsub E (x k c) (x k j)))
             (form (t i) (vsub E (t c) (t j))) _ m Hb); [|exact Hm'].
    intros k Hk. eapply Rle_trans; [apply (L6_preference_tail_bound E N S N_nonneg N_triangle N_opp S_nonneg form_bound)|].
    pose proof (Hi k Hk). pose proof (Hc k Hk). pose proof (Hj k Hk).
    pose proof (N_nonneg (t i)). pose proof (N_nonneg (vsub E (t c) (t j))).
    pose proof (N_nonneg (vsub E (x k i) (t i))). pose proof (N_nonneg (vsub E (x k c) (t c))).
    pose proof (N_nonneg (vsub E (x k j) (t j))).
    apply Rmult_le_compat_l; [exact S_nonneg|]. unfold x in *.
    set (di := N (vsub E (iterate n alpha k z i) (t i))) in *.
    set (dc := N (vsub E (iterate n alpha k z c) (t c))) in *.
    set (dj := N (vsub E (iterate n alpha k z j) (t j))) in *.
    assert (N (t i) * (dc + dj) <= N (t i) * (Dc + Dj)) by (apply Rmult_le_compat_l; lra).
    assert (di * N (vsub E (t c) (t j)) <= Di * N (vsub E (t c) (t j))) by (apply Rmult_le_compat_r; lra).
    assert (di * (dc + dj) <= Di * (Dc + Dj)) by (apply Rmult_le_compat; lra).
    lra. }
  unfold x in Hpos. rewrite form_vsub_r in Hpos. lra.
Qed.

End TailBoundTheorem.

(** In R^d with the max norm: |x^T A y| <= (sum_rs |A_rs|) max|x_r| max|y_s| (the constant S of the
    C++ [preference_tail_bound], [size_of_A_]), for coordinates x, y and any real d x d matrix A. *)
Theorem L6_max_norm_form_bound (d : nat) (A : nat -> nat -> R) (x y : nat -> R) (X Y : R) :
  (forall r, (r < d)%nat -> Rabs (x r) <= X) -> (forall c, (c < d)%nat -> Rabs (y c) <= Y) ->
  Rabs (rsum d (fun r => rsum d (fun c => x r * A r c * y c)))
  <= rsum d (fun r => rsum d (fun c => Rabs (A r c))) * X * Y.
Proof.
  intros Hx Hy.
  assert (Habs : forall k (f : nat -> R), Rabs (rsum k f) <= rsum k (fun j => Rabs (f j))).
  { induction k as [|k IH]; intro f; simpl.
    - rewrite Rabs_R0. lra.
    - eapply Rle_trans; [apply Rabs_triang|]. pose proof (IH f). lra. }
  assert (HX : 0 <= X \/ d = O).
  { destruct d as [|d']; [right; reflexivity|left]. pose proof (Hx O ltac:(lia)). pose proof (Rabs_pos (x O)). lra. }
  assert (HY : 0 <= Y \/ d = O).
  { destruct d as [|d']; [right; reflexivity|left]. pose proof (Hy O ltac:(lia)). pose proof (Rabs_pos (y O)). lra. }
  destruct HX as [HX|HX]; [|subst d; simpl; rewrite Rabs_R0; lra].
  destruct HY as [HY|HY]; [|subst d; simpl; rewrite Rabs_R0; lra].
  eapply Rle_trans; [apply Habs|].
  set (SA := rsum d (fun r => rsum d (fun c => Rabs (A r c)))).
  replace (SA * X * Y) with (X * Y * SA) by ring. unfold SA.
  rewrite <- rsum_scal. apply rsum_le. intros r Hr.
  eapply Rle_trans; [apply Habs|].
  rewrite <- rsum_scal. apply rsum_le. intros c Hc.
  rewrite !Rabs_mult. pose proof (Hx r Hr). pose proof (Hy c Hc).
  pose proof (Rabs_pos (x r)). pose proof (Rabs_pos (y c)). pose proof (Rabs_pos (A r c)).
  assert (Rabs (x r) * Rabs (A r c) <= X * Rabs (A r c)) by (apply Rmult_le_compat_r; lra).
  assert (Rabs (x r) * Rabs (A r c) * Rabs (y c) <= X * Rabs (A r c) * Y).
  { apply Rmult_le_compat; try lra. apply Rmult_le_pos; lra. }
  lra.
Qed.
