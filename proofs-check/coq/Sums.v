(** * Sums.v -- finite sums over the token indices [0 .. n-1].

    Support file (no THEORY.md claim of its own).  M4's mean
    [m_i = (1/|C_i|) sum_{j in C_i} z_j] and L3's convex combinations are
    finite sums over indices [j < n].  We define them by recursion on [n]:
    [rsum n f = f 0 + ... + f (n-1)] in R and [vsum n f] in the space,
    and prove the algebra used later: linearity, pulling the form through a
    sum, Kronecker deltas, monotonicity, "a sum of non-negative terms is 0
    only if every term is 0", and exchanging a double sum.  It also defines
    convex combinations [convex_comb n w z x] (weights [w_j >= 0] for
    [j < n], summing to 1, [x = sum_j w_j z_j]) and [in_hull n z x]
    ([x] lies in [conv(z_0, ..., z_(n-1))]), used by L1-L3. *)

From Coq Require Import Reals Lra Lia Arith.
From Hardmax Require Import Space.
Open Scope R_scope.

Fixpoint rsum (n : nat) (f : nat -> R) : R :=
  match n with
  | O => 0
  | S k => rsum k f + f k
  end.

(** Kronecker delta on indices. *)
Definition delta (i j : nat) : R := if Nat.eqb i j then 1 else 0.

(** ** Real sums *)

Lemma rsum_ext n f g : (forall j, (j < n)%nat -> f j = g j) -> rsum n f = rsum n g.
Proof.
  induction n; simpl; intro H; [reflexivity|].
  rewrite IHn by (intros; apply H; lia). rewrite H by lia. reflexivity.
Qed.

Lemma rsum_plus n f g : rsum n (fun j => f j + g j) = rsum n f + rsum n g.
Proof. induction n; simpl; [ring|]. rewrite IHn. ring. Qed.

Lemma rsum_scal n c f : rsum n (fun j => c * f j) = c * rsum n f.
Proof. induction n; simpl; [ring|]. rewrite IHn. ring. Qed.

Lemma rsum_const n c : rsum n (fun _ => c) = INR n * c.
Proof. induction n; simpl rsum; [simpl; ring|]. rewrite IHn, S_INR. ring. Qed.

Lemma rsum_le n f g :
  (forall j, (j < n)%nat -> f j <= g j) -> rsum n f <= rsum n g.
Proof.
  induction n; simpl; intro H; [lra|].
  assert (rsum n f <= rsum n g) by (apply IHn; intros; apply H; lia).
  assert (f n <= g n) by (apply H; lia). lra.
Qed.

Lemma rsum_nonneg n f : (forall j, (j < n)%nat -> 0 <= f j) -> 0 <= rsum n f.
Proof.
  intro H. replace 0 with (rsum n (fun _ => 0)).
  - apply rsum_le. exact H.
  - rewrite rsum_const. ring.
Qed.

Lemma rsum_nonneg_zero n f :
  (forall j, (j < n)%nat -> 0 <= f j) -> rsum n f = 0 ->
  forall j, (j < n)%nat -> f j = 0.
Proof.
  induction n; simpl; intros H Hs j Hj; [lia|].
  assert (0 <= rsum n f) by (apply rsum_nonneg; intros; apply H; lia).
  assert (0 <= f n) by (apply H; lia).
  destruct (Nat.eq_dec j n) as [->|Hne]; [lra|].
  apply IHn; [intros; apply H; lia | lra | lia].
Qed.

Lemma rsum_delta n i c : (i < n)%nat -> rsum n (fun j => delta i j * c) = c.
Proof.
  induction n; intro Hi; [lia|]. simpl.
  unfold delta at 2. destruct (Nat.eq_dec i n) as [->|Hne].
  - rewrite Nat.eqb_refl.
    rewrite (rsum_ext _ _ (fun _ => 0)).
    + rewrite rsum_const. ring.
    + intros j Hj. unfold delta. replace (Nat.eqb n j) with false; [ring|].
      symmetry. apply Nat.eqb_neq. lia.
  - replace (Nat.eqb i n) with false by (symmetry; apply Nat.eqb_neq; exact Hne).
    rewrite IHn by lia. ring.
Qed.

Lemma rsum_swap n m (f : nat -> nat -> R) :
  rsum n (fun i => rsum m (fun j => f i j)) = rsum m (fun j => rsum n (fun i => f i j)).
Proof.
  induction n; simpl.
  - rewrite rsum_const. ring.
  - rewrite IHn, <- rsum_plus. reflexivity.
Qed.

(** ** Sums in the space *)

Section VectorSums.

Variable E : InnerSpace.

Fixpoint vsum (n : nat) (f : nat -> E) : E :=
  match n with
  | O => vzero
  | S k => vadd (vsum k f) (f k)
  end.

Lemma vsum_ext n f g : (forall j, (j < n)%nat -> f j = g j) -> vsum n f = vsum n g.
Proof.
  induction n; simpl; intro H; [reflexivity|].
  rewrite IHn by (intros; apply H; lia). rewrite H by lia. reflexivity.
Qed.

Lemma vsum_add n f g :
  vsum n (fun j => vadd (f j) (g j)) = vadd (vsum n f) (vsum n g).
Proof.
  induction n; simpl.
  - symmetry. apply vadd_zero_r.
  - rewrite IHn.
    (* (a + b) + (c + d) = (a + c) + (b + d) *)
    rewrite <- !vadd_assoc. f_equal.
    rewrite !vadd_assoc. f_equal. apply vadd_comm.
Qed.

Lemma vsum_scal n c f : vsum n (fun j => vscal c (f j)) = vscal c (vsum n f).
Proof.
  induction n; simpl.
  - symmetry. apply vscal_zero_r.
  - rewrite IHn, vscal_add_r. reflexivity.
Qed.

Lemma vsum_zero n : vsum n (fun _ => (vzero : E)) = vzero.
Proof. induction n; simpl; [reflexivity|]. rewrite IHn. apply vadd_zero_r. Qed.

Lemma vsum_scal_const n (w : nat -> R) (x : E) :
  vsum n (fun j => vscal (w j) x) = vscal (rsum n w) x.
Proof.
  induction n; simpl.
  - symmetry. apply vscal_zero_l.
  - rewrite IHn, vscal_add_l. reflexivity.
Qed.

Lemma vsum_delta n i (f : nat -> E) :
  (i < n)%nat -> vsum n (fun j => vscal (delta i j) (f j)) = f i.
Proof.
  induction n; intro Hi; [lia|]. simpl.
  unfold delta at 2. destruct (Nat.eq_dec i n) as [->|Hne].
  - rewrite Nat.eqb_refl, vscal_one.
    rewrite (vsum_ext _ _ (fun _ => vzero)).
    + rewrite vsum_zero. apply vadd_zero_l.
    + intros j Hj. unfold delta. replace (Nat.eqb n j) with false.
      * apply vscal_zero_l.
      * symmetry. apply Nat.eqb_neq. lia.
  - replace (Nat.eqb i n) with false by (symmetry; apply Nat.eqb_neq; exact Hne).
    rewrite IHn by lia. rewrite vscal_zero_l. apply vadd_zero_r.
Qed.

Lemma vsum_swap n m (f : nat -> nat -> E) :
  vsum n (fun i => vsum m (fun j => f i j)) = vsum m (fun j => vsum n (fun i => f i j)).
Proof.
  induction n; simpl.
  - symmetry. apply vsum_zero.
  - rewrite IHn, <- vsum_add. reflexivity.
Qed.

Lemma form_vsum_l n (f : nat -> E) y : form (vsum n f) y = rsum n (fun j => form (f j) y).
Proof.
  induction n; simpl.
  - apply form_zero_l.
  - rewrite form_add_l, IHn. reflexivity.
Qed.

Lemma form_vsum_r n x (f : nat -> E) : form x (vsum n f) = rsum n (fun j => form x (f j)).
Proof.
  induction n; simpl.
  - apply form_zero_r.
  - rewrite form_add_r, IHn. reflexivity.
Qed.

(** Convex combinations and the convex hull [conv(z_0, ..., z_(n-1))]. *)
Definition convex_comb (n : nat) (w : nat -> R) (z : nat -> E) (x : E) : Prop :=
  (forall j, (j < n)%nat -> 0 <= w j) /\ rsum n w = 1 /\
  x = vsum n (fun j => vscal (w j) (z j)).

Definition in_hull (n : nat) (z : nat -> E) (x : E) : Prop :=
  exists w, convex_comb n w z x.

End VectorSums.

Arguments vsum {_} _ _.
Arguments convex_comb {_} _ _ _ _.
Arguments in_hull {_} _ _ _.
