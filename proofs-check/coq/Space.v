(** * Space.v -- the ambient space of THEORY.md M1/M2 and Cauchy-Schwarz.

    THEORY.md M2 scores tokens with the A-inner product [<A x, y>], [A]
    symmetric positive definite.  We abstract it: a real vector space [V]
    with a symmetric bilinear form [form] that is positive definite:
    [form x x >= 0] for every x, and [form x x = 0] only for [x = 0].
    (This is the usual definition; it is classically equivalent to
    "[form x x > 0] for [x <> 0]" and avoids needing decidable equality
    on [V]; [posdef_fields] derives the two fields from "[> 0] off 0"
    when equality with 0 is decidable.)  [<A x, y>] with A SPD on R^d is
    one instance ([Model_R2.v] builds R^2 with [A = I]); nothing below
    depends on coordinates.

    The structure is a [Record] (a type of "inner-product spaces"), not a
    set of global axioms: every theorem of the development takes the space
    as an ordinary argument (a Section [Variable]).

    Proved here:
    - [cauchy_schwarz]: for all x y, [form x y ^ 2 <= form x x * form y y]
      (used by L1 and L4; proved from the axioms of the structure, not
      assumed);
    - [form_sub_self]: [form (x - y) (x - y) = form x x - 2 form x y + form y y];
    - [sub_eq_zero]/[form_self_zero]: a vector with [form x x = 0] is [0],
      and [x - y = 0] gives [x = y] (the "equality case" tool of L1, L4). *)

From Coq Require Import Reals Lra Psatz.
Open Scope R_scope.

Record InnerSpace := mkInnerSpace {
  V :> Type;
  vadd : V -> V -> V;
  vscal : R -> V -> V;
  vzero : V;
  vopp : V -> V;
  (* vector-space laws *)
  vadd_assoc : forall x y z, vadd x (vadd y z) = vadd (vadd x y) z;
  vadd_comm : forall x y, vadd x y = vadd y x;
  vadd_zero_r : forall x, vadd x vzero = x;
  vadd_opp_r : forall x, vadd x (vopp x) = vzero;
  vscal_assoc : forall a c x, vscal a (vscal c x) = vscal (a * c) x;
  vscal_one : forall x, vscal 1 x = x;
  vscal_add_r : forall a x y, vscal a (vadd x y) = vadd (vscal a x) (vscal a y);
  vscal_add_l : forall a c x, vscal (a + c) x = vadd (vscal a x) (vscal c x);
  (* the form: bilinear (linear in the left argument + symmetric), positive definite *)
  form : V -> V -> R;
  form_add_l : forall x y w, form (vadd x y) w = form x w + form y w;
  form_scal_l : forall a x y, form (vscal a x) y = a * form x y;
  form_sym : forall x y, form x y = form y x;
  form_nonneg : forall x, 0 <= form x x;
  form_definite : forall x, form x x = 0 -> x = vzero
}.

(** The brief's formulation "[form x x > 0] whenever [x <> 0]" gives the two
    fields [form_nonneg] and [form_definite] as soon as equality with [0] is
    decidable (true for R^d, by [Req_EM_T] coordinatewise). *)
Lemma posdef_fields (T : Type) (zero : T) (f : T -> T -> R) :
  (forall x : T, {x = zero} + {x <> zero}) ->
  f zero zero = 0 ->
  (forall x, x <> zero -> 0 < f x x) ->
  (forall x, 0 <= f x x) /\ (forall x, f x x = 0 -> x = zero).
Proof.
  intros dec f0 pos. split.
  - intro x. destruct (dec x) as [->|Hne]; [lra|]. left. apply pos. exact Hne.
  - intros x Hx. destruct (dec x) as [->|Hne]; [reflexivity|].
    pose proof (pos x Hne). lra.
Qed.

Arguments vadd {_} _ _.
Arguments vscal {_} _ _.
Arguments vzero {_}.
Arguments vopp {_} _.
Arguments form {_} _ _.

Section SpaceFacts.

Variable E : InnerSpace.

Local Notation "x +v y" := (vadd x y) (at level 50, left associativity).
Local Notation "a *v x" := (vscal a x) (at level 40, left associativity).

Definition vsub (x y : E) : E := x +v vopp y.

(** ** Vector-space consequences *)

Lemma vadd_zero_l (x : E) : vzero +v x = x.
Proof. rewrite vadd_comm. apply vadd_zero_r. Qed.

Lemma vadd_opp_l (x : E) : vopp x +v x = vzero.
Proof. rewrite vadd_comm. apply vadd_opp_r. Qed.

Lemma vadd_cancel_r (x y w : E) : x +v w = y +v w -> x = y.
Proof.
  intro H.
  rewrite <- (vadd_zero_r _ x), <- (vadd_zero_r _ y), <- (vadd_opp_r _ w).
  rewrite !vadd_assoc, H. reflexivity.
Qed.

Lemma vscal_zero_l (x : E) : 0 *v x = vzero.
Proof.
  apply (vadd_cancel_r _ _ (0 *v x)).
  rewrite <- vscal_add_l, vadd_zero_l. f_equal; ring.
Qed.

Lemma vscal_zero_r (a : R) : a *v (vzero : E) = vzero.
Proof.
  rewrite <- (vscal_zero_l vzero), vscal_assoc. f_equal; ring.
Qed.

Lemma sub_eq_zero (x y : E) : vsub x y = vzero -> x = y.
Proof.
  unfold vsub. intro H.
  rewrite <- (vadd_zero_r _ x), <- (vadd_opp_l y), vadd_assoc, H.
  apply vadd_zero_l.
Qed.

Lemma vadd_scal_same (a c : R) (x : E) : a *v x +v c *v x = (a + c) *v x.
Proof. symmetry. apply vscal_add_l. Qed.

(** ** Bilinearity on both sides *)

Lemma form_add_r (x y w : E) : form x (y +v w) = form x y + form x w.
Proof. rewrite !(form_sym _ x). apply form_add_l. Qed.

Lemma form_scal_r (a : R) (x y : E) : form x (a *v y) = a * form x y.
Proof. rewrite !(form_sym _ x). apply form_scal_l. Qed.

Lemma form_zero_l (y : E) : form vzero y = 0.
Proof.
  assert (H : form (vzero +v vzero) y = form vzero y) by now rewrite vadd_zero_r.
  rewrite form_add_l in H. lra.
Qed.

Lemma form_zero_r (x : E) : form x vzero = 0.
Proof. rewrite form_sym. apply form_zero_l. Qed.

Lemma form_opp_l (x y : E) : form (vopp x) y = - form x y.
Proof.
  assert (H : form (x +v vopp x) y = 0) by now rewrite vadd_opp_r, form_zero_l.
  rewrite form_add_l in H. lra.
Qed.

Lemma form_opp_r (x y : E) : form x (vopp y) = - form x y.
Proof. rewrite !(form_sym _ x). apply form_opp_l. Qed.

(** ** Expansion of the form on a difference and on [x + t y] *)

Lemma form_sub_self (x y : E) :
  form (vsub x y) (vsub x y) = form x x - 2 * form x y + form y y.
Proof.
  unfold vsub.
  rewrite !form_add_l, !form_add_r, !form_opp_l, !form_opp_r, (form_sym _ y x).
  ring.
Qed.

Lemma form_self_zero (x : E) : form x x = 0 -> x = vzero.
Proof. apply form_definite. Qed.

(** If [form (x - y) (x - y) <= 0] then [x = y]. *)
Lemma form_sub_le0_eq (x y : E) : form (vsub x y) (vsub x y) <= 0 -> x = y.
Proof.
  intro H. apply sub_eq_zero, form_definite.
  pose proof (form_nonneg _ (vsub x y)). lra.
Qed.

Lemma form_line (x y : E) (t : R) :
  form (x +v t *v y) (x +v t *v y) = form x x + 2 * t * form x y + t * t * form y y.
Proof.
  rewrite !form_add_l, !form_add_r, !form_scal_l, !form_scal_r, (form_sym _ y x).
  ring.
Qed.

(** ** Cauchy-Schwarz for the abstract form *)

Theorem cauchy_schwarz (x y : E) : form x y ^ 2 <= form x x * form y y.
Proof.
  pose proof (form_nonneg _ y) as Hy.
  pose proof (form_nonneg _ x) as Hx.
  destruct (Rle_lt_or_eq_dec 0 (form y y) Hy) as [Hpos | Hzero].
  - (* t = - form x y / form y y *)
    pose proof (form_nonneg _ (x +v (- form x y / form y y) *v y)) as H.
    rewrite form_line in H.
    set (c := form x y) in *. set (a := form y y) in *. set (d := form x x) in *.
    assert (Eq : d + 2 * (- c / a) * c + (- c / a) * (- c / a) * a = (d * a - c ^ 2) / a)
      by (field; lra).
    rewrite Eq in H.
    assert (0 <= d * a - c ^ 2).
    { apply (Rmult_le_compat_r a) in H; [| lra].
      unfold Rdiv in H. rewrite Rmult_assoc, Rinv_l, Rmult_1_r, Rmult_0_l in H; lra. }
    lra.
  - (* form y y = 0: the line x + t y has [form] affine in t, so form x y = 0 *)
    rewrite <- Hzero.
    destruct (Req_EM_T (form x y) 0) as [Hc | Hc].
    + rewrite Hc. lra.
    + exfalso.
      pose proof (form_nonneg _ (x +v (- (form x x + 1) / (2 * form x y)) *v y)) as H.
      rewrite form_line, <- Hzero in H.
      assert (Eq : form x x + 2 * (- (form x x + 1) / (2 * form x y)) * form x y
                  + (- (form x x + 1) / (2 * form x y)) * (- (form x x + 1) / (2 * form x y)) * 0
                  = -1) by (field; exact Hc).
      lra.
Qed.

(** Cauchy-Schwarz in the form used by L1/L4: the score of [x] against [y]
    is at most [form x x] when [y] is no longer than [x]. *)
Lemma form_le_of_norm_le (x y : E) :
  form y y <= form x x -> form x y <= form x x.
Proof.
  intro Hle. pose proof (cauchy_schwarz x y) as CS.
  pose proof (form_nonneg _ x). pose proof (form_nonneg _ y).
  destruct (Rle_or_lt (form x y) (form x x)) as [|Hlt]; [assumption|].
  exfalso.
  assert (form x x * form x x < form x y ^ 2) by nra.
  assert (form x x * form y y <= form x x * form x x) by nra.
  lra.
Qed.

End SpaceFacts.
