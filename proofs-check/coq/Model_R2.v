(** * Model_R2.v -- the hypotheses of [InnerSpace] are satisfiable (sanity check).

    Not a THEORY.md claim.  It instantiates the abstract structure of
    [Space.v] with R^2 and the paper's experimental choice [A = I]
    ([<A x, y> = x1 y1 + x2 y2]), proving every vector-space and form law,
    so the theorems L1-L4 are not vacuous.  Positive definiteness is
    obtained from "[form x x > 0] for [x <> 0]" through [posdef_fields].

    - [R2_model_nontrivial]: there is an [InnerSpace] with a non-zero vector. *)

From Coq Require Import Reals Lra Psatz.
From Hardmax Require Import Space.
Open Scope R_scope.

Definition R2 : Type := (R * R)%type.
Definition r2add (x y : R2) : R2 := (fst x + fst y, snd x + snd y).
Definition r2scal (a : R) (x : R2) : R2 := (a * fst x, a * snd x).
Definition r2zero : R2 := (0, 0).
Definition r2opp (x : R2) : R2 := (- fst x, - snd x).
Definition r2dot (x y : R2) : R := fst x * fst y + snd x * snd y.

Lemma r2_eq (x y : R2) : fst x = fst y -> snd x = snd y -> x = y.
Proof. destruct x, y; simpl; intros -> ->; reflexivity. Qed.

Lemma r2_dec_zero (x : R2) : {x = r2zero} + {x <> r2zero}.
Proof.
  destruct x as [a c]. unfold r2zero.
  destruct (Req_EM_T a 0) as [->|Ha]; [destruct (Req_EM_T c 0) as [->|Hc]|].
  - left; reflexivity.
  - right; intro H; inversion H; contradiction.
  - right; intro H; inversion H; contradiction.
Qed.

Lemma r2dot_pos (x : R2) : x <> r2zero -> 0 < r2dot x x.
Proof.
  destruct x as [a c]. unfold r2dot, r2zero; simpl. intro Hne.
  destruct (Req_EM_T a 0) as [->|Ha].
  - destruct (Req_EM_T c 0) as [->|Hc]; [contradiction|]. nra.
  - nra.
Qed.

Lemma r2dot_nonneg (x : R2) : 0 <= r2dot x x.
Proof.
  apply (proj1 (posdef_fields R2 r2zero r2dot r2_dec_zero
                  ltac:(unfold r2dot; simpl; ring) r2dot_pos)).
Qed.

Lemma r2dot_definite (x : R2) : r2dot x x = 0 -> x = r2zero.
Proof.
  apply (proj2 (posdef_fields R2 r2zero r2dot r2_dec_zero
                  ltac:(unfold r2dot; simpl; ring) r2dot_pos)).
Qed.

Definition R2_inner_space : InnerSpace.
Proof.
  refine (mkInnerSpace R2 r2add r2scal r2zero r2opp _ _ _ _ _ _ _ _
                       r2dot _ _ _ r2dot_nonneg r2dot_definite);
    intros; apply r2_eq || unfold r2dot; simpl; ring.
Defined.

Theorem R2_model_nontrivial : exists (E : InnerSpace) (x : E), x <> vzero.
Proof.
  exists R2_inner_space. exists ((1, 0) : R2).
  simpl. unfold r2zero. intro H. inversion H. lra.
Qed.
