(** * L1_Leaders.v -- THEORY.md claim L1 (leader existence; leaders are exposed vertices).

    In words, for a configuration of n tokens [z_0 .. z_(n-1)] in an
    inner-product space (the form playing [<A ., .>], A SPD):

    - [L1_max_norm_self_attends]: a token [i] of maximal [|z_i|_A] attends to
      itself ([i in C_i]): by Cauchy-Schwarz
      [s_il <= |z_i|_A |z_l|_A <= |z_i|_A^2 = s_ii] for every [l].
    - [L1_max_norm_is_leader]: a token of maximal [|z_i|_A] is a leader (D1):
      every [j in C_i] has [s_ij = s_ii] and then
      [|z_j - z_i|_A^2 = s_jj - 2 s_ij + s_ii = s_jj - s_ii <= 0], so [z_j = z_i].
    - [L1_leaders_nonempty]: for [n >= 1] some token [i < n] is a leader.
    - [L1_leader_self_attends]: a leader [i < n] attends to itself, so
      [max_l s_il = s_ii].
    - [L1_leader_strict]: a leader strictly prefers itself:
      [s_ij < s_ii] whenever [j < n] and [z_j <> z_i].
    - [L1_leader_exposed_vertex]: a leader is a vertex of [conv(Z)] exposed by
      the direction [A z_i]: for every [x] in [conv(Z)],
      [<A z_i, x> <= <A z_i, z_i>], with equality only at [x = z_i]
      ([L1_leader_exposed_strict]: [<A z_i, x> < <A z_i, z_i>] for [x <> z_i]). *)

From Coq Require Import Reals Lra Lia Arith.
From Hardmax Require Import Space Sums Attention.
Open Scope R_scope.

Section L1.

Variable E : InnerSpace.
Variable n : nat.
Implicit Type z : nat -> E.

Theorem L1_max_norm_self_attends z i :
  (i < n)%nat ->
  (forall l, (l < n)%nat -> form (z l) (z l) <= form (z i) (z i)) ->
  InC n z i i.
Proof.
  intros Hi Hmax. split; [exact Hi|]. intros l Hl. unfold score.
  (* Cauchy-Schwarz: s_il <= s_ii because |z_l|_A <= |z_i|_A *)
  apply form_le_of_norm_le. apply Hmax. exact Hl.
Qed.

Theorem L1_max_norm_is_leader z i :
  (i < n)%nat ->
  (forall l, (l < n)%nat -> form (z l) (z l) <= form (z i) (z i)) ->
  leader n z i.
Proof.
  intros Hi Hmax j Hj.
  pose proof (L1_max_norm_self_attends z i Hi Hmax) as [_ Hself].
  destruct Hj as [Hjn Hjmax].
  (* both i and j are maximisers of row i: s_ij = s_ii *)
  pose proof (Hjmax i Hi) as H1. pose proof (Hself j Hjn) as H2.
  unfold score in H1, H2.
  (* |z_j - z_i|^2 = s_jj - 2 s_ij + s_ii = s_jj - s_ii <= 0 *)
  apply form_sub_le0_eq. rewrite form_sub_self, (form_sym _ (z j) (z i)).
  pose proof (Hmax j Hjn). lra.
Qed.

Theorem L1_leaders_nonempty z :
  (1 <= n)%nat -> exists i, (i < n)%nat /\ leader n z i.
Proof.
  intro Hn. destruct (exists_argmax n (fun l => form (z l) (z l)) Hn) as [i [Hi Hmax]].
  exists i. split; [exact Hi|]. apply L1_max_norm_is_leader; assumption.
Qed.

Theorem L1_leader_self_attends z i :
  (i < n)%nat -> leader n z i -> InC n z i i.
Proof.
  intros Hi Hl. destruct (InC_nonempty E n z i ltac:(lia)) as [j Hj].
  pose proof (Hl j Hj) as Hzj.
  destruct Hj as [_ Hjmax]. split; [exact Hi|].
  intros l Hlt. unfold score in *.
  replace (form (z i) (z i)) with (form (z i) (z j)) by (rewrite Hzj; reflexivity).
  apply Hjmax. exact Hlt.
Qed.

Theorem L1_leader_strict z i j :
  (i < n)%nat -> leader n z i -> (j < n)%nat -> z j <> z i ->
  form (z i) (z j) < form (z i) (z i).
Proof.
  intros Hi Hl Hj Hne.
  pose proof (L1_leader_self_attends z i Hi Hl) as [_ Hself].
  destruct (Rlt_or_le (form (z i) (z j)) (form (z i) (z i))) as [Hlt|Hge]; [exact Hlt|].
  exfalso. apply Hne. apply Hl. split; [exact Hj|].
  intros l Hlt. unfold score. pose proof (Hself l Hlt). unfold score in *. lra.
Qed.

(** The direction [A z_i] is maximised over [conv(Z)] exactly at [z_i]. *)
Theorem L1_leader_exposed_vertex z i x :
  (i < n)%nat -> leader n z i -> in_hull n z x ->
  form (z i) x <= form (z i) (z i) /\
  (form (z i) x = form (z i) (z i) -> x = z i).
Proof.
  intros Hi Hl [w [Hw [Hsum Hx]]].
  pose proof (L1_leader_self_attends z i Hi Hl) as [_ Hself].
  unfold score in Hself.
  (* s_ii - <z_i, x> = sum_j w_j (s_ii - s_ij), a sum of non-negative terms *)
  assert (Hgap : form (z i) (z i) - form (z i) x
                 = rsum n (fun j => w j * (form (z i) (z i) - form (z i) (z j)))).
  { rewrite Hx, form_vsum_r.
    rewrite (rsum_ext _ (fun j => form (z i) (vscal (w j) (z j)))
                        (fun j => w j * form (z i) (z j)))
      by (intros; apply form_scal_r).
    rewrite (rsum_ext _ (fun j => w j * (form (z i) (z i) - form (z i) (z j)))
                        (fun j => form (z i) (z i) * w j + (- 1) * (w j * form (z i) (z j))))
      by (intros; ring).
    rewrite rsum_plus, !rsum_scal, Hsum. ring. }
  assert (Hterm : forall j, (j < n)%nat -> 0 <= w j * (form (z i) (z i) - form (z i) (z j))).
  { intros j Hj. apply Rmult_le_pos; [apply Hw; exact Hj|]. pose proof (Hself j Hj). lra. }
  split.
  - pose proof (rsum_nonneg n _ Hterm). lra.
  - intro Heq.
    assert (Hzero := rsum_nonneg_zero n _ Hterm ltac:(lra)).
    (* every j with w_j > 0 is a copy of z_i *)
    rewrite Hx.
    rewrite (vsum_ext _ _ _ (fun j => vscal (w j) (z i))).
    + rewrite vsum_scal_const, Hsum. apply vscal_one.
    + intros j Hj. destruct (Rmult_integral _ _ (Hzero j Hj)) as [Hw0|Hs].
      * rewrite Hw0, !vscal_zero_l. reflexivity.
      * f_equal. apply Hl. split; [exact Hj|].
        intros l Hlt. unfold score. pose proof (Hself l Hlt). lra.
Qed.

Corollary L1_leader_exposed_strict z i x :
  (i < n)%nat -> leader n z i -> in_hull n z x -> x <> z i ->
  form (z i) x < form (z i) (z i).
Proof.
  intros Hi Hl Hx Hne.
  destruct (L1_leader_exposed_vertex z i x Hi Hl Hx) as [Hle Heq].
  destruct (Rle_lt_or_eq_dec _ _ Hle) as [Hlt|He]; [exact Hlt|].
  exfalso. exact (Hne (Heq He)).
Qed.

End L1.
