(** * L6_QuadraticPositivity.v -- the decision procedure of THEORY.md L6 (c), proved sound.

    [positive_on_unit a b c] mirrors, branch for branch, the C++ function
    [positive_on_unit_interval] of proofs-check/quadratic_positivity.hpp on the quadratic
    g(s) = a s^2 + b s + c:
    - g(1) <= 0: false;
    - g(0) < 0: false;
    - g(0) = 0: g(s) = s (a s + b), true iff b > 0, or b = 0 and a > 0;
    - otherwise (g(0) > 0, g(1) > 0): if the vertex -b/(2a) lies strictly inside (0, 1) of a convex
      g (a > 0, b < 0, -b < 2a), true iff 4ac - b^2 > 0; else true.
    [L6_positivity_decision_sound]: when it says true, g(s) > 0 for every s in (0, 1].
    [L6_positivity_decision_complete]: when it says false, some s in (0, 1] has g(s) <= 0, so the
    procedure decides positivity exactly. *)

From Coq Require Import Reals Lra Psatz Bool.
Open Scope R_scope.

Definition quad (a b c s : R) : R := a * s * s + b * s + c.

Definition positive_on_unit (a b c : R) : bool :=
  if Rle_dec (a + b + c) 0 then false
  else if Rlt_dec c 0 then false
  else if Req_EM_T c 0 then
    (if Rlt_dec 0 b then true
     else if Req_EM_T b 0 then (if Rlt_dec 0 a then true else false)
     else false)
  else if Rlt_dec 0 a then
    (if Rlt_dec b 0 then
       (if Rlt_dec (- b) (2 * a) then (if Rlt_dec 0 (4 * a * c - b * b) then true else false)
        else true)
     else true)
  else true.

Theorem L6_positivity_decision_sound a b c :
  positive_on_unit a b c = true -> forall s, 0 < s <= 1 -> quad a b c s > 0.
Proof.
  unfold positive_on_unit, quad.
  destruct (Rle_dec (a + b + c) 0) as [H1|H1]; [discriminate|].
  apply Rnot_le_gt in H1.
  destruct (Rlt_dec c 0) as [H0|H0]; [discriminate|].
  apply Rnot_lt_ge in H0.
  destruct (Req_EM_T c 0) as [Hc|Hc].
  - subst c. destruct (Rlt_dec 0 b) as [Hb|Hb].
    + intros _ s [Hs0 Hs1].
      (* a s + b = s (a + b) + (1 - s) b > 0 *)
      assert (a * s + b = s * (a + b + 0) + (1 - s) * b) by ring.
      assert (s * (a + b + 0) > 0) by (apply Rmult_lt_0_compat; lra).
      assert ((1 - s) * b >= 0) by (apply Rle_ge, Rmult_le_pos; lra).
      assert (a * s + b > 0) by lra. nra.
    + destruct (Req_EM_T b 0) as [Hb0|Hb0]; [|discriminate].
      subst b. destruct (Rlt_dec 0 a) as [Ha|Ha]; [|discriminate].
      intros _ s [Hs0 Hs1].
      replace (a * s * s + 0 * s + 0) with (a * (s * s)) by ring.
      apply Rmult_lt_0_compat; [lra | apply Rmult_lt_0_compat; lra].
  - assert (Hcpos : c > 0) by lra.
    destruct (Rlt_dec 0 a) as [Ha|Ha].
    + destruct (Rlt_dec b 0) as [Hb|Hb].
      * destruct (Rlt_dec (- b) (2 * a)) as [Hv|Hv].
        -- destruct (Rlt_dec 0 (4 * a * c - b * b)) as [Hd|Hd]; [|discriminate].
           intros _ s [Hs0 Hs1].
           (* 4 a g(s) = (2 a s + b)^2 + 4 a c - b^2 *)
           pose proof (Rle_0_sqr (2 * a * s + b)) as Hsq. unfold Rsqr in Hsq.
           assert (Hg : 4 * a * (a * s * s + b * s + c) = (2 * a * s + b) * (2 * a * s + b) + (4 * a * c - b * b)) by ring.
           apply Rmult_gt_reg_l with (4 * a); [lra|]. rewrite Rmult_0_r. lra.
        -- (* the vertex is at or beyond 1: g decreases on (0, 1], so g(s) >= g(1) *)
           intros _ s [Hs0 Hs1].
           apply Rnot_lt_ge in Hv.
           assert (Hg : a * s * s + b * s + c = (a + b + c) + (1 - s) * (- (a * (s + 1) + b))) by ring.
           assert (a * (s + 1) <= a * 2) by (apply Rmult_le_compat_l; lra).
           assert ((1 - s) * (- (a * (s + 1) + b)) >= 0) by (apply Rle_ge, Rmult_le_pos; lra).
           lra.
      * apply Rnot_lt_ge in Hb. intros _ s [Hs0 Hs1].
        assert (a * s * s >= 0) by (apply Rle_ge, Rmult_le_pos; [apply Rmult_le_pos|]; lra).
        assert (b * s >= 0) by (apply Rle_ge, Rmult_le_pos; lra).
        lra.
    + (* concave (a <= 0): g lies above its chord from g(0) > 0 to g(1) > 0 *)
      intros _ s [Hs0 Hs1].
      apply Rnot_lt_ge in Ha.
      assert (Hg : a * s * s + b * s + c = (1 - s) * c + s * (a + b + c) + (- a) * s * (1 - s)) by ring.
      assert ((1 - s) * c >= 0) by (apply Rle_ge, Rmult_le_pos; lra).
      assert (s * (a + b + c) > 0) by (apply Rmult_lt_0_compat; lra).
      assert ((- a) * s * (1 - s) >= 0) by (apply Rle_ge, Rmult_le_pos; [apply Rmult_le_pos|]; lra).
      lra.
Qed.

(** Below zero near 0: for t = -c > 0 and K = |a| + |b| + 1, s = t / (t + K) has g(s) < 0. *)
Lemma negative_near_zero a b c : c < 0 -> exists s, 0 < s <= 1 /\ quad a b c s <= 0.
Proof.
  intro Hc. set (K := Rabs a + Rabs b + 1).
  assert (HK : K >= 1) by (unfold K; pose proof (Rabs_pos a); pose proof (Rabs_pos b); lra).
  exists (- c / (- c + K)). unfold quad.
  set (s := - c / (- c + K)).
  assert (Hs : s * (- c + K) = - c) by (unfold s; field; lra).
  assert (Hs0 : 0 < s) by (unfold s; apply Rdiv_lt_0_compat; lra).
  assert (Hs1 : s < 1) by (apply Rmult_lt_reg_r with (- c + K); [lra|]; lra).
  split; [lra|].
  assert (a * s * s <= Rabs a * s).
  { assert (a * s <= Rabs a) by (pose proof (Rle_abs a); pose proof (Rabs_pos a); nra). nra. }
  assert (b * s <= Rabs b * s) by (pose proof (Rle_abs b); nra).
  (* (|a| + |b|) s + c < K s + c = - c - c s ... = K s - (- c) = - s (- c) < 0 *)
  assert (K * s + c = - (- c) * s) by nra.
  assert (- (- c) * s < 0) by (assert (- c > 0) by lra; nra).
  unfold K in *. lra.
Qed.

Theorem L6_positivity_decision_complete a b c :
  positive_on_unit a b c = false -> exists s, 0 < s <= 1 /\ quad a b c s <= 0.
Proof.
  unfold positive_on_unit.
  destruct (Rle_dec (a + b + c) 0) as [H1|H1].
  { intros _. exists 1. unfold quad. split; [lra|]. lra. }
  apply Rnot_le_gt in H1.
  destruct (Rlt_dec c 0) as [H0|H0]; [intros _; apply negative_near_zero; exact H0|].
  apply Rnot_lt_ge in H0.
  destruct (Req_EM_T c 0) as [Hc|Hc].
  - subst c. destruct (Rlt_dec 0 b) as [Hb|Hb]; [discriminate|].
    apply Rnot_lt_ge in Hb.
    destruct (Req_EM_T b 0) as [Hb0|Hb0].
    + subst b. destruct (Rlt_dec 0 a) as [Ha|Ha]; [discriminate|].
      intros _. exists 1. unfold quad. split; lra.
    + (* b < 0: at s = -b / (|a| - b), a s + b <= |a| s + b < 0 *)
      intros _. assert (Hbn : b < 0) by lra.
      pose proof (Rabs_pos a) as Hpa. pose proof (Rle_abs a) as Hla.
      set (s := - b / (Rabs a - b)).
      assert (Hs : s * (Rabs a - b) = - b) by (unfold s; field; lra).
      assert (Hs0 : 0 < s) by (unfold s; apply Rdiv_lt_0_compat; lra).
      assert (Hs1 : s <= 1) by (apply Rmult_le_reg_r with (Rabs a - b); [lra|]; nra).
      exists s. split; [lra|]. unfold quad.
      assert (a * s <= Rabs a * s) by nra.
      assert (a * s + b <= 0) by nra.
      nra.
  - assert (Hcpos : c > 0) by lra.
    destruct (Rlt_dec 0 a) as [Ha|Ha]; [|discriminate].
    destruct (Rlt_dec b 0) as [Hb|Hb]; [|discriminate].
    destruct (Rlt_dec (- b) (2 * a)) as [Hv|Hv]; [|discriminate].
    destruct (Rlt_dec 0 (4 * a * c - b * b)) as [Hd|Hd]; [discriminate|].
    apply Rnot_lt_ge in Hd. intros _.
    (* the vertex s = -b / (2a) lies in (0, 1), and 4 a g(s) = 4 a c - b^2 <= 0 *)
    exists (- b / (2 * a)). unfold quad. split.
    + split; [apply Rdiv_lt_0_compat; lra|].
      apply Rmult_le_reg_r with (2 * a); [lra|]. field_simplify; lra.
    + assert (Hg : a * (- b / (2 * a)) * (- b / (2 * a)) + b * (- b / (2 * a)) + c = (4 * a * c - b * b) / (4 * a))
        by (field; lra).
      rewrite Hg. apply Rmult_le_reg_r with (4 * a); [lra|].
      field_simplify; [lra | lra].
Qed.
