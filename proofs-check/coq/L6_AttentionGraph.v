(** * L6_AttentionGraph.v -- THEORY.md L6: the structure of the attention graph and of T's classes.

    For one configuration [z] of n tokens, with [attends z i j] meaning i < n and j in C_i(z):
    - [L6_norm_nondecreasing_edge]: along an attention edge the A-norm does not decrease,
      [|z_i|_A^2 <= |z_j|_A^2] (s_ii <= s_ij and Cauchy-Schwarz);
    - [L6_equal_norm_edge]: an edge between tokens of equal A-norm joins copies;
    - [L6_no_mutual_attention]: two tokens that attend to each other are copies (THEORY.md's
      argument against 2-cycles);
    - [L6_cycle_copies]: more generally, tokens on a common cycle of the attention graph are copies,
      so the graph among distinct points is acyclic (docs/THEOREMS.md, "no cycles at all");
    - [L6_closed_class_copies], [L6_closed_class_leaders]: every closed communicating class of
      T = (I + alpha P)/(1 + alpha) (a set of tokens closed under attention, each reaching each)
      consists of copies of one token, each a leader (D1): T^inf is the absorption into the
      leaders' copy classes. *)

From Coq Require Import Reals Lra Psatz Relations.
From Hardmax Require Import Space Sums Attention.
Open Scope R_scope.

Section AttentionGraph.

Variable E : InnerSpace.
Variable n : nat.
Variable z : nat -> E.

Definition attends (i j : nat) : Prop := (i < n)%nat /\ InC n z i j.

Definition reaches : nat -> nat -> Prop := clos_refl_trans_1n nat attends.

Local Notation sq x := (form (z x) (z x)).

Theorem L6_norm_nondecreasing_edge i j : attends i j -> sq i <= sq j.
Proof.
  intros [Hi [Hj Hmax]]. pose proof (Hmax i Hi) as Hge. unfold score in Hge.
  pose proof (cauchy_schwarz E (z i) (z j)) as CS.
  pose proof (form_nonneg E (z i)). pose proof (form_nonneg E (z j)).
  nra.
Qed.

Theorem L6_equal_norm_edge i j : attends i j -> sq j <= sq i -> z i = z j.
Proof.
  intros [Hi [Hj Hmax]] Hle. pose proof (Hmax i Hi) as Hge. unfold score in Hge.
  apply form_sub_le0_eq. rewrite form_sub_self. lra.
Qed.

Theorem L6_no_mutual_attention i j : attends i j -> attends j i -> z i = z j.
Proof.
  intros Hij Hji. apply (L6_equal_norm_edge i j Hij).
  apply L6_norm_nondecreasing_edge. exact Hji.
Qed.

Lemma reaches_norm i j : reaches i j -> sq i <= sq j.
Proof.
  induction 1 as [|x y w Hxy _ IH]; [lra|].
  pose proof (L6_norm_nondecreasing_edge x y Hxy). lra.
Qed.

Lemma path_copies i j : reaches i j -> sq j <= sq i -> z i = z j.
Proof.
  induction 1 as [x|x y w Hxy Hyw IH]; intro Hle; [reflexivity|].
  pose proof (L6_norm_nondecreasing_edge x y Hxy) as Hx. pose proof (reaches_norm y w Hyw) as Hy.
  assert (Heq : z x = z y) by (apply (L6_equal_norm_edge x y Hxy); lra).
  rewrite Heq. apply IH. lra.
Qed.

Theorem L6_cycle_copies i j : reaches i j -> reaches j i -> z i = z j.
Proof. intros Hij Hji. exact (path_copies i j Hij (reaches_norm j i Hji)). Qed.

Theorem L6_closed_class_copies (S : nat -> Prop) :
  (forall i j, S i -> S j -> reaches i j) -> forall i j, S i -> S j -> z i = z j.
Proof. intros Hconn i j Hi Hj. apply L6_cycle_copies; apply Hconn; assumption. Qed.

Theorem L6_closed_class_leaders (S : nat -> Prop) :
  (forall i j, S i -> attends i j -> S j) -> (forall i j, S i -> S j -> reaches i j) ->
  forall i, S i -> (i < n)%nat -> leader n z i.
Proof.
  intros Hclosed Hconn i Hi Hin j Hj. symmetry.
  apply (L6_closed_class_copies S Hconn i j Hi). apply (Hclosed i j Hi). split; assumption.
Qed.

End AttentionGraph.
