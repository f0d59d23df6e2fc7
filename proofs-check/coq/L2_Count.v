(** * L2_Count.v -- THEORY.md L2's count: the leader sets change at most n times.

    The leader sets are nested along the trajectory ([L2_leaders_nested]), so each change adds a
    leader that was not one before and stays one.  [growing_chain ks] says that the layers
    [k_0 <= k_1 <= ...] of the list [ks] each gain a new leader over the one before;
    [L2_leader_changes_at_most_n]: such a chain has at most n + 1 layers, i.e. at most n changes
    (pigeonhole: the new leaders are distinct indices below n). *)

From Coq Require Import Reals Lra Lia Arith List.
From Hardmax Require Import Space Sums Attention L1_Leaders L3_ConvexWeights L2_Persistence.
Import ListNotations.
Open Scope R_scope.

Section L2Count.

Variable E : InnerSpace.
Variable n : nat.
Variable alpha : R.
Hypothesis alpha_pos : 0 < alpha.
Variable z : nat -> E.

Definition leader_at (k i : nat) : Prop := leader n (iterate n alpha k z) i.

(** Layer [k'] has a leader that layer [k] does not have. *)
Definition gains_leader (k k' : nat) : Prop := exists i, (i < n)%nat /\ leader_at k' i /\ ~ leader_at k i.

Inductive growing_chain : list nat -> Prop :=
  | chain_one k : growing_chain [k]
  | chain_cons k k' ks : (k <= k')%nat -> gains_leader k k' -> growing_chain (k' :: ks) -> growing_chain (k :: k' :: ks).

Lemma nested k k' i : (k <= k')%nat -> (i < n)%nat -> leader_at k i -> leader_at k' i.
Proof.
  intros Hk Hi H. unfold leader_at. replace k' with ((k' - k) + k)%nat by lia.
  apply L2_leaders_nested; assumption.
Qed.

(** The leaders gained along a chain from layer k: distinct indices below n, none a leader at k. *)
Lemma gained_leaders k ks :
  growing_chain (k :: ks) ->
  exists l, NoDup l /\ length l = length ks /\ forall i, In i l -> (i < n)%nat /\ ~ leader_at k i.
Proof.
  revert k. induction ks as [|k' ks IH]; intros k H.
  - exists []. split; [constructor|]. split; [reflexivity|]. intros i [].
  - inversion H as [|k0 k1 ks0 Hle [i [Hi [Hnew Hold]]] Hrest]; subst.
    destruct (IH k' Hrest) as [l [Hnd [Hlen Hl]]].
    exists (i :: l). split; [|split].
    + constructor; [|exact Hnd]. intro Hin. apply (proj2 (Hl i Hin)). exact Hnew.
    + simpl. rewrite Hlen. reflexivity.
    + intros j [<-|Hin]; [split; assumption|].
      destruct (Hl j Hin) as [Hj Hnot]. split; [exact Hj|].
      intro Hk. apply Hnot. apply (nested k k' j Hle Hj Hk).
Qed.

Theorem L2_leader_changes_at_most_n ks : growing_chain ks -> (length ks <= n + 1)%nat.
Proof.
  intro H. destruct ks as [|k ks]; [simpl; lia|].
  destruct (gained_leaders k ks H) as [l [Hnd [Hlen Hl]]].
  assert (Hincl : incl l (seq 0 n)).
  { intros i Hin. apply in_seq. pose proof (proj1 (Hl i Hin)). lia. }
  pose proof (NoDup_incl_length Hnd Hincl) as Hbound. rewrite seq_length in Hbound.
  simpl. lia.
Qed.

End L2Count.
