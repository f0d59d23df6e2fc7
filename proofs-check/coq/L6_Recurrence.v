(** * L6_Recurrence.v -- THEORY.md L6, the general certificate's tie persistence.

    A score difference f(m) = <A z_i^m, z_c^m - z_c'^m> under a constant pattern satisfies a linear
    recurrence of order at most r (proofs-check/recurrence_order.hpp bounds r). What makes checking
    finitely many layers enough:
    - [L6_recurrence_vanishes]: a sequence satisfying f(m + r) = sum_{k < r} c_k f(m + k) for every m,
      and vanishing at m = 0 .. r - 1, vanishes for ever;
    - [L6_recurrence_agree]: two sequences satisfying the same recurrence and agreeing on their first
      r terms agree for ever (the closed form of the leading-term analysis is checked this way).
    That the score sequences satisfy such a recurrence (Cayley-Hamilton for T) is not formalised. *)

From Coq Require Import Reals Lra Lia Arith.
From Hardmax Require Import Sums.
Open Scope R_scope.

Definition satisfies (r : nat) (c : nat -> R) (f : nat -> R) : Prop :=
  forall m, f (m + r)%nat = rsum r (fun k => c k * f (m + k)%nat).

Theorem L6_recurrence_vanishes r c f :
  satisfies r c f -> (forall m, (m < r)%nat -> f m = 0) -> forall m, f m = 0.
Proof.
  intros Hrec H0 m. induction m as [m IH] using lt_wf_ind.
  destruct (Nat.lt_ge_cases m r) as [Hlt|Hge]; [apply H0; exact Hlt|].
  replace m with ((m - r) + r)%nat by lia. rewrite Hrec.
  rewrite (rsum_ext _ _ (fun _ => 0)).
  - rewrite rsum_const. ring.
  - intros k Hk. rewrite IH by lia. ring.
Qed.

Lemma rsum_minus n a b : rsum n (fun j => a j - b j) = rsum n a - rsum n b.
Proof. induction n; simpl; [ring|]. rewrite IHn. ring. Qed.

Theorem L6_recurrence_agree r c f g :
  satisfies r c f -> satisfies r c g -> (forall m, (m < r)%nat -> f m = g m) -> forall m, f m = g m.
Proof.
  intros Hf Hg H0 m.
  assert (Hd : satisfies r c (fun m => f m - g m)).
  { intro k. rewrite Hf, Hg, <- rsum_minus. apply rsum_ext. intros; ring. }
  pose proof (L6_recurrence_vanishes r c _ Hd) as Hv.
  assert (f m - g m = 0) by (apply Hv; intros k Hk; rewrite (H0 k Hk); ring). lra.
Qed.
