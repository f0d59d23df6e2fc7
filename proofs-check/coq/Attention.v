(** * Attention.v -- THEORY.md M3 (attention sets), M4 (the layer map), D1 (leaders).

    Tokens are [z : nat -> E] with n tokens [z 0, ..., z (n-1)] (M1); indices
    [>= n] are ignored by every definition.  Scores are [s_ij = form (z i) (z j)]
    (M2, [form] playing [<A ., .>]).

    - M3: [InC z i j] ("j is in C_i(Z)") iff [j < n] and [s_ij >= s_il] for
      every [l < n], i.e. [s_ij = max_l s_il].  Every maximiser is attended.
      [inC] is the same predicate as a boolean (decided with [Rle_dec]),
      [inC_spec] proves they agree.
    - [card z i = |C_i|]; [card_pos]: [|C_i| >= 1] whenever [n >= 1]
      (a maximiser exists among finitely many scores).
    - [mean z i = (1/|C_i|) * sum_{j < n, j in C_i} z_j] (M4's m_i).
    - M4: [layer z i = (1/(1+alpha)) * (z_i + alpha * m_i)].
    - D1: [leader z i] iff every [j] in [C_i(Z)] has [z j = z i].
    - [iterate k z = Z^k], the trajectory of the (shared-parameter) layer map.

    Also proved: [form_mean] -- [<z_i, m_i> = max_l s_il] -- used by L4. *)

From Coq Require Import Reals Lra Lia Arith Bool.
From Hardmax Require Import Space Sums.
Open Scope R_scope.

(** Boolean helpers on indices. *)
Fixpoint all_below (k : nat) (p : nat -> bool) : bool :=
  match k with
  | O => true
  | S k' => all_below k' p && p k'
  end.

Fixpoint count (k : nat) (p : nat -> bool) : nat :=
  match k with
  | O => O
  | S k' => (count k' p + (if p k' then 1 else 0))%nat
  end.

Definition Rleb (x y : R) : bool := if Rle_dec x y then true else false.

Definition indic (b : bool) : R := if b then 1 else 0.

Lemma all_below_spec k p : all_below k p = true <-> forall l, (l < k)%nat -> p l = true.
Proof.
  induction k; simpl.
  - split; [intros _ l Hl; lia | reflexivity].
  - rewrite andb_true_iff, IHk. split.
    + intros [H1 H2] l Hl. destruct (Nat.eq_dec l k) as [->|]; [exact H2|]. apply H1; lia.
    + intro H. split; [intros; apply H; lia | apply H; lia].
Qed.

Lemma Rleb_spec x y : Rleb x y = true <-> x <= y.
Proof. unfold Rleb. destruct (Rle_dec x y); split; intro; easy. Qed.

Lemma count_INR k p : INR (count k p) = rsum k (fun j => indic (p j)).
Proof.
  induction k; simpl count; simpl rsum; [reflexivity|].
  rewrite plus_INR, IHk. unfold indic. destruct (p k); reflexivity.
Qed.

Lemma count_pos k p : (exists j, (j < k)%nat /\ p j = true) -> (1 <= count k p)%nat.
Proof.
  induction k; intros [j [Hj Hp]]; [lia|]. simpl.
  destruct (Nat.eq_dec j k) as [->|Hne].
  - rewrite Hp. lia.
  - assert (1 <= count k p)%nat by (apply IHk; exists j; split; [lia|exact Hp]). lia.
Qed.

(** Finitely many reals have a maximum. *)
Lemma exists_argmax k (f : nat -> R) :
  (1 <= k)%nat -> exists j, (j < k)%nat /\ forall l, (l < k)%nat -> f l <= f j.
Proof.
  induction k; intro Hk; [lia|].
  destruct k as [|k'].
  - exists O. split; [lia|]. intros l Hl. replace l with O by lia. lra.
  - destruct IHk as [j [Hj Hmax]]; [lia|].
    destruct (Rle_dec (f (S k')) (f j)) as [Hle|Hgt].
    + exists j. split; [lia|]. intros l Hl.
      destruct (Nat.eq_dec l (S k')) as [->|]; [exact Hle|]. apply Hmax; lia.
    + exists (S k'). split; [lia|]. intros l Hl.
      destruct (Nat.eq_dec l (S k')) as [->|]; [lra|].
      assert (f l <= f j) by (apply Hmax; lia). lra.
Qed.

Section Attention.

Variable E : InnerSpace.

(** Number of tokens. *)
Variable n : nat.

(** Scores [s_ij = <A z_i, z_j>]. *)
Definition score (z : nat -> E) (i j : nat) : R := form (z i) (z j).

(** M3, as a proposition: [j in C_i(Z)]. *)
Definition InC (z : nat -> E) (i j : nat) : Prop :=
  (j < n)%nat /\ forall l, (l < n)%nat -> score z i l <= score z i j.

(** M3, decided. *)
Definition inC (z : nat -> E) (i j : nat) : bool :=
  Nat.ltb j n && all_below n (fun l => Rleb (score z i l) (score z i j)).

Lemma inC_spec z i j : inC z i j = true <-> InC z i j.
Proof.
  unfold inC, InC. rewrite andb_true_iff, Nat.ltb_lt, all_below_spec.
  split; intros [H1 H2]; split; try exact H1; intros l Hl; apply Rleb_spec; apply H2; exact Hl.
Qed.

Lemma inC_false z i j : inC z i j = false -> ~ InC z i j.
Proof. intros Hf Hin. apply inC_spec in Hin. congruence. Qed.

(** [|C_i|]. *)
Definition card (z : nat -> E) (i : nat) : nat := count n (inC z i).

Lemma InC_nonempty z i : (1 <= n)%nat -> exists j, InC z i j.
Proof.
  intro Hn. destruct (exists_argmax n (score z i) Hn) as [j [Hj Hmax]].
  exists j. split; assumption.
Qed.

Lemma card_pos z i : (1 <= n)%nat -> (1 <= card z i)%nat.
Proof.
  intro Hn. unfold card. apply count_pos.
  destruct (InC_nonempty z i Hn) as [j Hj]. exists j.
  split; [exact (proj1 Hj) | apply inC_spec; exact Hj].
Qed.

Lemma card_INR_pos z i : (1 <= n)%nat -> 0 < INR (card z i).
Proof. intro Hn. apply lt_0_INR. pose proof (card_pos z i Hn). lia. Qed.

Lemma card_INR z i : INR (card z i) = rsum n (fun j => indic (inC z i j)).
Proof. apply count_INR. Qed.

(** M4's mean [m_i]. *)
Definition mean (z : nat -> E) (i : nat) : E :=
  vscal (/ INR (card z i)) (vsum n (fun j => if inC z i j then z j else vzero)).

(** The sum inside the mean, with 0/1 coefficients. *)
Lemma attended_sum z i :
  vsum n (fun j => if inC z i j then z j else vzero)
  = vsum n (fun j => vscal (indic (inC z i j)) (z j)).
Proof.
  apply vsum_ext. intros j _. unfold indic. destruct (inC z i j).
  - symmetry. apply vscal_one.
  - symmetry. apply vscal_zero_l.
Qed.

(** [<z_i, m_i> = s_ij0] for any maximiser [j0], i.e. [<A z_i, m_i> = max_l s_il]. *)
Lemma form_mean z i j0 :
  (1 <= n)%nat -> InC z i j0 -> form (z i) (mean z i) = score z i j0.
Proof.
  intros Hn Hj0. unfold mean.
  rewrite form_scal_r, attended_sum, form_vsum_r.
  rewrite (rsum_ext _ _ (fun j => indic (inC z i j) * score z i j0)).
  - rewrite (rsum_ext _ _ (fun j => score z i j0 * indic (inC z i j)))
      by (intros; ring).
    rewrite rsum_scal, <- card_INR.
    pose proof (card_INR_pos z i Hn). field. lra.
  - intros j Hj. rewrite form_scal_r. unfold indic.
    destruct (inC z i j) eqn:Hc; [|ring].
    apply inC_spec in Hc. destruct Hc as [_ Hmax]. destruct Hj0 as [Hj0n Hmax0].
    fold (score z i j). pose proof (Hmax j0 Hj0n). pose proof (Hmax0 j Hj). lra.
Qed.

(** The coefficient [alpha] of M2 (positivity is assumed where needed). *)
Variable alpha : R.

(** M4: one layer. *)
Definition layer (z : nat -> E) : nat -> E :=
  fun i => vscal (/ (1 + alpha)) (vadd (z i) (vscal alpha (mean z i))).

(** The trajectory [Z^k] (all layers share the parameters). *)
Fixpoint iterate (k : nat) (z : nat -> E) : nat -> E :=
  match k with
  | O => z
  | S k' => layer (iterate k' z)
  end.

(** D1: leaders. *)
Definition leader (z : nat -> E) (i : nat) : Prop :=
  forall j, InC z i j -> z j = z i.

End Attention.

Arguments score {_} _ _ _.
Arguments InC {_} _ _ _ _.
Arguments inC {_} _ _ _ _.
Arguments card {_} _ _ _.
Arguments mean {_} _ _ _.
Arguments layer {_} _ _ _ _.
Arguments iterate {_} _ _ _ _ _.
Arguments leader {_} _ _ _.
