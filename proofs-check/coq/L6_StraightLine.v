(** * L6_StraightLine.v -- THEORY.md L6: soundness of the straight-line certificate.

    At a layer with tokens [z] (n >= 1 of them, alpha > 0), write [t i = mean z i] for the targets
    and [line s z i = s z_i + (1 - s) t_i] (that is, t_i + s u_i with u_i = z_i - t_i).  The
    certificate of proofs-check/straight_line_certificate.hpp is:
    - (a') [at_rest]: every attended token is at rest, [mean z c = z c] (leaders are: L2);
    - (b) [ties_persist]: [<A t_i, z_c> = <A t_i, z_c'>] for c, c' in C_i(z);
    - (c) [preferences_persist]: for c in C_i(z), j < n not in C_i(z) and 0 < s <= 1,
      [<A line_i(s), z_c> > <A line_i(s), line_j(s)>], which is g(s) > 0 for the quadratic
      g(s) = <A (t_i + s u_i), z_c - (t_j + s u_j)> that the C++ decides (L6_QuadraticPositivity.v).
    Proved, for every m:
    - [L6_straight_line_closed_form]: z_i^m = t_i + (1 + alpha)^(-m) (z_i - t_i) for i < n;
    - [L6_straight_line_pattern]: the attention pattern of layer m is that of layer 0:
      [InC (iterate m z) i j <-> InC z i j] for i < n. *)

From Coq Require Import Reals Lra Lia Arith Bool.
From Hardmax Require Import Space Sums Attention.
Open Scope R_scope.

Lemma all_below_ext k p q : (forall l, (l < k)%nat -> p l = q l) -> all_below k p = all_below k q.
Proof.
  induction k; intro H; simpl; [reflexivity|].
  rewrite IHk by (intros; apply H; lia). rewrite H by lia. reflexivity.
Qed.

Lemma count_ext k p q : (forall l, (l < k)%nat -> p l = q l) -> count k p = count k q.
Proof.
  induction k; intro H; simpl; [reflexivity|].
  rewrite IHk by (intros; apply H; lia). rewrite H by lia. reflexivity.
Qed.

Section StraightLine.

Variable E : InnerSpace.
Variable n : nat.
Hypothesis n_pos : (1 <= n)%nat.
Variable alpha : R.
Hypothesis alpha_pos : 0 < alpha.
Implicit Type z : nat -> E.

(** The layer map reads only tokens [0 .. n-1] and the token itself. *)
Lemma inC_ext (y y' : nat -> E) i j :
  (forall l, (l < n)%nat -> y l = y' l) -> (i < n)%nat -> inC n y i j = inC n y' i j.
Proof.
  intros H Hi. unfold inC, score. destruct (Nat.ltb j n) eqn:Hj; [|reflexivity].
  apply Nat.ltb_lt in Hj. simpl. rewrite (H i Hi), (H j Hj).
  apply all_below_ext. intros l Hl. rewrite (H l Hl). reflexivity.
Qed.

Lemma mean_ext (y y' : nat -> E) i :
  (forall l, (l < n)%nat -> y l = y' l) -> (i < n)%nat -> mean n y i = mean n y' i.
Proof.
  intros H Hi. unfold mean, card.
  rewrite (count_ext _ _ _ (fun l Hl => inC_ext y y' i l H Hi)).
  f_equal. apply vsum_ext. intros j Hj. rewrite (inC_ext y y' i j H Hi), (H j Hj). reflexivity.
Qed.

Lemma layer_ext (y y' : nat -> E) i :
  (forall l, (l < n)%nat -> y l = y' l) -> (i < n)%nat -> layer n alpha y i = layer n alpha y' i.
Proof. intros H Hi. unfold layer. rewrite (mean_ext y y' i H Hi), (H i Hi). reflexivity. Qed.

(** Two configurations with the same attention sets (as booleans) and the same attended tokens have
    the same means. *)
Lemma mean_same_pattern (y y' : nat -> E) i :
  (forall j, (j < n)%nat -> inC n y i j = inC n y' i j) ->
  (forall j, InC n y' i j -> y j = y' j) -> mean n y i = mean n y' i.
Proof.
  intros Hp Hv. unfold mean, card. rewrite (count_ext _ _ _ Hp). f_equal.
  apply vsum_ext. intros j Hj. rewrite (Hp j Hj).
  destruct (inC n y' i j) eqn:Hin; [|reflexivity].
  apply Hv, inC_spec. exact Hin.
Qed.

Variable z : nat -> E.

Definition target (i : nat) : E := mean n z i.

Definition line (s : R) (i : nat) : E := vadd (vscal s (z i)) (vscal (1 - s) (target i)).

Hypothesis at_rest : forall i c, (i < n)%nat -> InC n z i c -> target c = z c.
Hypothesis ties_persist :
  forall i c c', (i < n)%nat -> InC n z i c -> InC n z i c' -> form (target i) (z c) = form (target i) (z c').
Hypothesis preferences_persist :
  forall i c j s, (i < n)%nat -> InC n z i c -> (j < n)%nat -> ~ InC n z i j -> 0 < s <= 1 ->
    form (line s i) (z c) > form (line s i) (line s j).

Lemma form_line_l s i x : form (line s i) x = s * form (z i) x + (1 - s) * form (target i) x.
Proof. unfold line. rewrite form_add_l, !form_scal_l. reflexivity. Qed.

Lemma line_at_rest s i c : (i < n)%nat -> InC n z i c -> line s c = z c.
Proof.
  intros Hi H. unfold line. rewrite (at_rest i c Hi H), vadd_scal_same.
  replace (s + (1 - s)) with 1 by ring. apply vscal_one.
Qed.

Lemma InC_dec (y : nat -> E) i j : {InC n y i j} + {~ InC n y i j}.
Proof.
  destruct (inC n y i j) eqn:H; [left; apply inC_spec; exact H | right; apply inC_false; exact H].
Qed.

(** On the line, for s in (0, 1], the attention sets are those of z. *)
Lemma line_pattern s i j : (i < n)%nat -> 0 < s <= 1 -> (InC n (line s) i j <-> InC n z i j).
Proof.
  intros Hi Hs. split.
  - intros [Hj Hmax]. destruct (InC_dec z i j) as [Hin|Hout]; [exact Hin|].
    exfalso. destruct (InC_nonempty E n z i n_pos) as [c Hc].
    pose proof (preferences_persist i c j s Hi Hc Hj Hout Hs) as Hp.
    pose proof (Hmax c (proj1 Hc)) as Hle. unfold score in Hle.
    rewrite (line_at_rest s i c Hi Hc) in Hle. lra.
  - intros Hj. split; [exact (proj1 Hj)|]. intros l Hl. unfold score.
    rewrite (line_at_rest s i j Hi Hj).
    destruct (InC_dec z i l) as [Hin|Hout].
    + rewrite (line_at_rest s i l Hi Hin), !form_line_l.
      rewrite (ties_persist i l j Hi Hin Hj).
      destruct Hj as [Hjn Hjmax], Hin as [Hln Hlmax].
      pose proof (Hjmax l Hln). pose proof (Hlmax j Hjn). unfold score in *.
      assert (form (z i) (z l) = form (z i) (z j)) by lra. rewrite H1. lra.
    + pose proof (preferences_persist i j l s Hi Hj Hl Hout Hs). lra.
Qed.

Lemma line_mean s i : (i < n)%nat -> 0 < s <= 1 -> mean n (line s) i = target i.
Proof.
  intros Hi Hs. unfold target. apply mean_same_pattern.
  - intros j Hj. destruct (inC n (line s) i j) eqn:H1, (inC n z i j) eqn:H2; try reflexivity.
    + apply inC_spec in H1. apply (line_pattern s i j Hi Hs) in H1. apply inC_spec in H1. congruence.
    + apply inC_spec in H2. apply (line_pattern s i j Hi Hs) in H2. apply inC_spec in H2. congruence.
  - intros j Hj. apply line_at_rest with i; assumption.
Qed.

(** One layer moves every token along its line, from s to s / (1 + alpha). *)
Lemma line_step s i : (i < n)%nat -> 0 < s <= 1 -> layer n alpha (line s) i = line (s / (1 + alpha)) i.
Proof.
  intros Hi Hs. unfold layer. rewrite (line_mean s i Hi Hs). unfold line.
  set (c := / (1 + alpha)).
  rewrite <- vadd_assoc, vadd_scal_same, vscal_add_r, !vscal_assoc.
  f_equal; f_equal; unfold c; field; lra.
Qed.

Lemma contraction_power m : 0 < (/ (1 + alpha)) ^ m <= 1.
Proof.
  assert (0 < / (1 + alpha) < 1).
  { split; [apply Rinv_0_lt_compat; lra|]. rewrite <- Rinv_1. apply Rinv_lt_contravar; lra. }
  induction m; simpl; [lra|]. split; [apply Rmult_lt_0_compat; lra|]. nra.
Qed.

Theorem L6_straight_line_closed_form m i :
  (i < n)%nat -> iterate n alpha m z i = line ((/ (1 + alpha)) ^ m) i.
Proof.
  revert i. induction m as [|m IH]; intros i Hi.
  - simpl. unfold line. replace (1 - 1) with 0 by ring.
    rewrite vscal_zero_l, vadd_zero_r, vscal_one. reflexivity.
  - simpl iterate. rewrite (layer_ext _ (line ((/ (1 + alpha)) ^ m)) i IH Hi).
    rewrite (line_step _ i Hi (contraction_power m)). f_equal. simpl. unfold Rdiv. ring.
Qed.

Theorem L6_straight_line_pattern m i j :
  (i < n)%nat -> (InC n (iterate n alpha m z) i j <-> InC n z i j).
Proof.
  intro Hi. rewrite <- (line_pattern ((/ (1 + alpha)) ^ m) i j Hi (contraction_power m)).
  rewrite <- !inC_spec. rewrite (inC_ext _ (line ((/ (1 + alpha)) ^ m)) i j).
  - reflexivity.
  - intros l Hl. apply L6_straight_line_closed_form. exact Hl.
  - exact Hi.
Qed.

End StraightLine.
