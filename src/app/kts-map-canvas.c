/* kts-map-canvas.c: the interactive process-map canvas (zoom, pan, select, edit).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas owns no geometry of its own: the painter computes the layout and
 * draws it; the viewport turns map points into widget pixels. The canvas only
 * adds input, the scrollable adjustments, the drag preview and the rubber
 * band. Edits go through kts_project_* operations; the canvas redraws when
 * the model tells it that something changed.
 */
#define G_LOG_DOMAIN "kts-map-canvas"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kts-map-canvas-private.h"
#include "kts-map-painter.h"

/* Room around the map, in view pixels, so its edges are not glued to the
 * widget's edges. */
#define MARGIN 32.0
#define ZOOM_STEP 1.25
#define REVEAL_MARGIN 28.0
#define EDGE_HIT_PIXELS 5.0

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_CARDS,
  DRAG_RUBBER,
  DRAG_EMPTY_CLICK, /* press on empty space: a click clears, a drag pans */
} DragMode;

struct _KtsMapCanvas
{
  GtkWidget parent_instance;

  KtsProject       *project;
  KtsEpisode       *episode;
  KtsMapArrangement arrangement;
  KtsMapPainter    *painter;
  gboolean          dark;
  gulong            style_handler;

  KtsMapViewport viewport;
  gboolean       placed; /* the first view of the episode was chosen */

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;
  gboolean       syncing;

  GPtrArray *selection; /* KtsMove, owned, in selection order */
  KtsEdge   *selected_edge;
  KtsMove   *cursor_move; /* the card keyboard navigation starts from */
  KtsLaneId  cursor_lane;

  GPtrArray *watched; /* moves and edges carrying our notify handler */
  guint      refresh_id;
  guint      prepare_id;

  double   pointer_x;
  double   pointer_y;
  gboolean pointer_inside;

  /* The gesture in progress. */
  DragMode        drag_mode;
  guint           drag_button;
  double          press_x;
  double          press_y;
  double          drag_dx;
  double          drag_dy;
  gboolean        drag_moved;
  GdkModifierType press_modifiers;
  KtsMove        *press_move; /* card under the press (no reference: in the episode) */
  gboolean        press_was_selected;
  double          press_origin_x;
  double          press_origin_y;
  GPtrArray      *press_selection; /* rubber band: the selection before it */
  KtsMapLayout   *preview_layout;  /* the layout whose cards the drag moves */
  GArray         *saved_cards;
  GArray         *saved_routes;
  double          zoom_gesture_start;
};

static void kts_map_canvas_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KtsMapCanvas,
                               kts_map_canvas,
                               GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      kts_map_canvas_scrollable_init))

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_EPISODE,
  PROP_ARRANGEMENT,
  PROP_ZOOM,
  PROP_SELECTION,
  N_PROPS,

  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum
{
  SELECTION_CHANGED,
  ANCHOR_ACTIVATED,
  MOVE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  NAV_PREVIOUS,
  NAV_NEXT,
  NAV_ABOVE,
  NAV_BELOW,
  NAV_FIRST,
  NAV_LAST,
} Nav;

static void     schedule_refresh (KtsMapCanvas *self);
static gboolean sticky_labels (KtsMapCanvas *self);
static void     sync_adjustments (KtsMapCanvas *self);
static void     drag_preview_restore (KtsMapCanvas *self);

/* ---- Layout access -------------------------------------------------------- */

KtsMapLayout *
kts_map_canvas_get_layout (KtsMapCanvas *self)
{
  g_return_val_if_fail (KTS_IS_MAP_CANVAS (self), NULL);

  if (self->painter == NULL)
    return NULL;
  return kts_map_painter_get_layout (self->painter);
}

static const KtsMapCard *
card_at (KtsMapLayout *layout, int index)
{
  g_assert (index >= 0 && (guint)index < layout->cards->len);
  return &g_array_index (layout->cards, KtsMapCard, index);
}

/* The card of @move in @lane, else its first card, or -1. */
static int
find_card (KtsMapLayout *layout, KtsMove *move, KtsLaneId lane)
{
  int first = -1;

  if (layout == NULL || move == NULL)
    return -1;
  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = card_at (layout, i);

      if (card->move != move)
        continue;
      if (card->lane == lane)
        return (int)i;
      if (first < 0)
        first = (int)i;
    }
  return first;
}

static int
cursor_card (KtsMapCanvas *self)
{
  return find_card (kts_map_canvas_get_layout (self), self->cursor_move, self->cursor_lane);
}

static gboolean
is_selected (KtsMapCanvas *self, KtsMove *move)
{
  return g_ptr_array_find (self->selection, move, NULL);
}

/* ---- Viewport and adjustments --------------------------------------------- */

static double
content_width (KtsMapCanvas *self)
{
  KtsMapLayout *layout = kts_map_canvas_get_layout (self);
  return layout != NULL ? layout->width : 0;
}

static double
content_height (KtsMapCanvas *self)
{
  KtsMapLayout *layout = kts_map_canvas_get_layout (self);
  return layout != NULL ? layout->height : 0;
}

/* One axis: a map smaller than the view is centred; a larger one may be
 * panned until its edge (plus the margin) meets the view's edge. */
static double
clamp_origin (double origin, double content, double view, double scale)
{
  double margin = MARGIN / scale;

  if (content * scale + 2 * MARGIN <= view)
    return content / 2 - view / scale / 2;
  return CLAMP (origin, -margin, content + margin - view / scale);
}

static void
clamp_viewport (KtsMapCanvas *self)
{
  KtsMapViewport *vp = &self->viewport;

  vp->origin_x = clamp_origin (vp->origin_x, content_width (self), vp->view_width, vp->scale);
  vp->origin_y = clamp_origin (vp->origin_y, content_height (self), vp->view_height, vp->scale);
}

static void
configure_adjustment (
    KtsMapCanvas *self, GtkAdjustment *adjustment, double origin, double content, double view)
{
  double scale = self->viewport.scale;
  double upper = content * scale + 2 * MARGIN;

  if (adjustment == NULL)
    return;
  if (upper <= view)
    gtk_adjustment_configure (adjustment, 0, 0, view, view * 0.1, view * 0.9, view);
  else
    gtk_adjustment_configure (adjustment, origin * scale + MARGIN, 0, upper, view * 0.1, view * 0.9,
                              view);
}

static void
sync_adjustments (KtsMapCanvas *self)
{
  self->syncing = TRUE;
  configure_adjustment (self, self->hadjustment, self->viewport.origin_x, content_width (self),
                        self->viewport.view_width);
  configure_adjustment (self, self->vadjustment, self->viewport.origin_y, content_height (self),
                        self->viewport.view_height);
  self->syncing = FALSE;
}

/* After any change of the viewport: keep it in range, tell the scrollbars,
 * notify the zoom and redraw. */
static void
viewport_changed (KtsMapCanvas *self, double old_scale)
{
  clamp_viewport (self);
  sync_adjustments (self);
  if (self->viewport.scale != old_scale)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-in",
                                     self->viewport.scale < KTS_MAP_VIEWPORT_MAX_SCALE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-out",
                                     self->viewport.scale > KTS_MAP_VIEWPORT_MIN_SCALE);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
adjustment_value_changed_cb (GtkAdjustment *adjustment, KtsMapCanvas *self)
{
  double value = gtk_adjustment_get_value (adjustment);
  double scale = self->viewport.scale;

  if (self->syncing)
    return;

  if (adjustment == self->hadjustment)
    {
      if (content_width (self) * scale + 2 * MARGIN > self->viewport.view_width)
        self->viewport.origin_x = (value - MARGIN) / scale;
    }
  else if (content_height (self) * scale + 2 * MARGIN > self->viewport.view_height)
    self->viewport.origin_y = (value - MARGIN) / scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (KtsMapCanvas *self, GtkAdjustment **slot, GtkAdjustment *adjustment, guint prop)
{
  if (adjustment != NULL && *slot == adjustment)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed_cb), self);
  sync_adjustments (self);
  g_object_notify (G_OBJECT (self), prop == PROP_HADJUSTMENT ? "hadjustment" : "vadjustment");
}

/* The first view of an episode: its beginning, at a readable size. */
static void
place_initially (KtsMapCanvas *self)
{
  KtsMapViewport *vp = &self->viewport;
  double          w = content_width (self), h = content_height (self);
  double          fit;

  if (vp->view_width <= 1 || vp->view_height <= 1 || w <= 0 || h <= 0)
    return;

  /* A small map whole, up to actual size; a long one with all its lanes
   * in view, unless that makes it too small to read. */
  fit = MIN ((vp->view_width - 2 * MARGIN) / w, (vp->view_height - 2 * MARGIN) / h);
  if (fit >= 0.6 * KTS_MAP_CANVAS_PIXELS_PER_POINT)
    vp->scale = MIN (fit, KTS_MAP_CANVAS_PIXELS_PER_POINT);
  else
    vp->scale = CLAMP ((vp->view_height - 2 * MARGIN) / h, 0.6 * KTS_MAP_CANVAS_PIXELS_PER_POINT,
                       KTS_MAP_CANVAS_PIXELS_PER_POINT);
  vp->origin_x = -MARGIN / vp->scale;
  vp->origin_y = -MARGIN / vp->scale;
  self->placed = TRUE;
}

static void
zoom_by (KtsMapCanvas *self, double factor, double view_x, double view_y)
{
  double old = self->viewport.scale;

  kts_map_viewport_zoom_at (&self->viewport, factor, view_x, view_y);
  viewport_changed (self, old);
}

static void
reveal_card (KtsMapCanvas *self, int index)
{
  KtsMapLayout     *layout = kts_map_canvas_get_layout (self);
  const KtsMapCard *card;
  double            old = self->viewport.scale;

  if (layout == NULL || index < 0 || self->viewport.view_width <= 1)
    return;
  card = card_at (layout, index);
  kts_map_viewport_reveal (&self->viewport, card->x, card->y, card->width, card->height,
                           REVEAL_MARGIN);
  /* Not under the sticky lane names either. */
  if (sticky_labels (self))
    {
      double covered = kts_map_painter_get_lane_labels_width (self->painter) * self->viewport.scale;
      double x0;

      kts_map_viewport_to_view (&self->viewport, card->x, card->y, &x0, NULL);
      if (x0 < covered + REVEAL_MARGIN)
        self->viewport.origin_x -= (covered + REVEAL_MARGIN - x0) / self->viewport.scale;
    }
  viewport_changed (self, old);
}

/* ---- Selection -------------------------------------------------------------- */

static char *
describe_move (KtsMove *move, KtsLaneId lane, gboolean show_dimension)
{
  const char *actor, *dimension, *phase;

  switch (kts_move_get_actor (move))
    {
    case KTS_ACTOR_THERAPIST:
      actor = _ ("therapist");
      break;
    case KTS_ACTOR_CLIENT:
      actor = _ ("client");
      break;
    case KTS_ACTOR_DYAD:
      actor = _ ("therapist and client together");
      break;
    case KTS_ACTOR_THIRD:
      actor = kts_move_get_third_role (move) != NULL ? kts_move_get_third_role (move)
                                                     : _ ("third person");
      break;
    case KTS_ACTOR_UNSET:
    default:
      actor = _ ("no actor");
      break;
    }

  if (lane == KTS_LANE_T_SD || lane == KTS_LANE_C_SD)
    dimension = _ ("self-definition");
  else if (lane == KTS_LANE_T_REL || lane == KTS_LANE_C_REL)
    dimension = _ ("relatedness");
  else
    switch (kts_move_get_dimension (move))
      {
      case KTS_DIMENSION_SELF_DEFINITION:
        dimension = _ ("self-definition");
        break;
      case KTS_DIMENSION_RELATEDNESS:
        dimension = _ ("relatedness");
        break;
      case KTS_DIMENSION_BOTH:
        dimension = _ ("self-definition and relatedness");
        break;
      case KTS_DIMENSION_NONE:
      default:
        dimension = _ ("no dimension");
        break;
      }

  switch (kts_move_get_phase (move))
    {
    case KTS_PHASE_BEFORE:
      phase = _ ("before the rupture");
      break;
    case KTS_PHASE_RUPTURE:
      phase = _ ("rupture");
      break;
    case KTS_PHASE_REPAIR:
      phase = _ ("repair");
      break;
    case KTS_PHASE_AFTER:
      phase = _ ("after the repair");
      break;
    case KTS_PHASE_UNSET:
    default:
      phase = _ ("no phase");
      break;
    }

  if (!show_dimension)
    /* Translators: actor, phase, then the card's label (the flowchart). */
    return g_strdup_printf (_ ("%s, %s: %s"), actor, phase,
                            kts_move_get_label (move) != NULL ? kts_move_get_label (move) : "");
  /* Translators: actor, dimension, phase, then the card's label. */
  return g_strdup_printf (_ ("%s, %s, %s: %s"), actor, dimension, phase,
                          kts_move_get_label (move) != NULL ? kts_move_get_label (move) : "");
}

static void
update_accessible (KtsMapCanvas *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (self->episode != NULL)
    {
      const char *name = kts_episode_get_name (self->episode) != NULL
                             ? kts_episode_get_name (self->episode)
                             : "";

      if (kts_map_arrangement_shows_theory (self->arrangement))
        label = g_strdup_printf (_ ("Process map of episode %s"), name);
      else
        label = g_strdup_printf (_ ("Flowchart of episode %s"), name);
    }
  else if (kts_map_arrangement_shows_theory (self->arrangement))
    label = g_strdup (_ ("Process map"));
  else
    label = g_strdup (_ ("Flowchart"));

  if (self->selected_edge != NULL)
    description = g_strdup_printf (
        _ ("Selected link: %s"),
        kts_enum_to_nick (KTS_TYPE_EDGE_TYPE, kts_edge_get_edge_type (self->selected_edge)));
  else if (self->cursor_move != NULL && is_selected (self, self->cursor_move))
    {
      g_autofree char *card = describe_move (self->cursor_move, self->cursor_lane,
                                             kts_map_arrangement_shows_theory (self->arrangement));

      if (self->selection->len > 1)
        description
            = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card selected; current: %s",
                                            "%u cards selected; current: %s", self->selection->len),
                               self->selection->len, card);
      else
        description = g_strdup_printf (_ ("Selected card: %s"), card);
    }
  else
    description = g_strdup (_ ("No card selected"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static void
update_actions (KtsMapCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean   editable = self->project != NULL && self->episode != NULL;
  gboolean   has_moves = self->episode != NULL
                       && g_list_model_get_n_items (kts_episode_get_moves (self->episode)) > 0;

  gtk_widget_action_set_enabled (
      widget, "map.delete", editable && (self->selection->len > 0 || self->selected_edge != NULL));
  gtk_widget_action_set_enabled (widget, "map.add-move", editable);
  gtk_widget_action_set_enabled (widget, "map.connect", editable && self->selection->len == 2);
  gtk_widget_action_set_enabled (widget, "map.relayout", editable && has_moves);
  gtk_widget_action_set_enabled (widget, "map.activate", self->selection->len > 0);
  gtk_widget_action_set_enabled (widget, "map.zoom-fit", self->episode != NULL);
}

static void
selection_changed (KtsMapCanvas *self)
{
  update_actions (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
set_cursor (KtsMapCanvas *self, KtsMove *move, KtsLaneId lane)
{
  self->cursor_move = move;
  self->cursor_lane = lane;
}

/* The selection primitives; each reports whether anything changed. */
static gboolean
selection_clear (KtsMapCanvas *self)
{
  gboolean changed = self->selection->len > 0 || self->selected_edge != NULL;

  g_ptr_array_set_size (self->selection, 0);
  g_clear_object (&self->selected_edge);
  return changed;
}

static gboolean
selection_add (KtsMapCanvas *self, KtsMove *move)
{
  gboolean changed = self->selected_edge != NULL;

  g_clear_object (&self->selected_edge);
  if (is_selected (self, move))
    return changed;
  g_ptr_array_add (self->selection, g_object_ref (move));
  return TRUE;
}

static gboolean
selection_remove (KtsMapCanvas *self, KtsMove *move)
{
  return g_ptr_array_remove (self->selection, move);
}

static gboolean
selection_set_edge (KtsMapCanvas *self, KtsEdge *edge)
{
  gboolean changed = self->selection->len > 0 || self->selected_edge != edge;

  g_ptr_array_set_size (self->selection, 0);
  g_set_object (&self->selected_edge, edge);
  return changed;
}

GPtrArray *
kts_map_canvas_get_selected_moves (KtsMapCanvas *self)
{
  GPtrArray *moves;

  g_return_val_if_fail (KTS_IS_MAP_CANVAS (self), NULL);

  moves = g_ptr_array_new_full (self->selection->len, g_object_unref);
  for (guint i = 0; i < self->selection->len; i++)
    g_ptr_array_add (moves, g_object_ref (g_ptr_array_index (self->selection, i)));
  return moves;
}

void
kts_map_canvas_select_move (KtsMapCanvas *self, KtsMove *move, gboolean extend)
{
  gboolean changed = FALSE;

  g_return_if_fail (KTS_IS_MAP_CANVAS (self));
  g_return_if_fail (move == NULL || KTS_IS_MOVE (move));

  if (move == NULL)
    {
      if (!extend && selection_clear (self))
        selection_changed (self);
      return;
    }

  if (!extend)
    {
      changed = self->selection->len != 1 || g_ptr_array_index (self->selection, 0) != move
                || self->selected_edge != NULL;
      if (changed)
        selection_clear (self);
    }
  changed |= selection_add (self, move);
  set_cursor (self, move, self->cursor_move == move ? self->cursor_lane : KTS_N_LANES);
  reveal_card (self, cursor_card (self));
  if (changed)
    selection_changed (self);
}

KtsEdge *
kts_map_canvas_get_selected_edge (KtsMapCanvas *self)
{
  g_return_val_if_fail (KTS_IS_MAP_CANVAS (self), NULL);

  return self->selected_edge;
}

void
kts_map_canvas_select_edge (KtsMapCanvas *self, KtsEdge *edge)
{
  g_return_if_fail (KTS_IS_MAP_CANVAS (self));
  g_return_if_fail (edge == NULL || KTS_IS_EDGE (edge));

  if (edge == NULL ? selection_clear (self) : selection_set_edge (self, edge))
    selection_changed (self);
}

/* Drops selected things that left the episode. */
static gboolean
prune_selection (KtsMapCanvas *self)
{
  gboolean changed = FALSE;

  for (guint i = self->selection->len; i > 0; i--)
    {
      KtsMove *move = g_ptr_array_index (self->selection, i - 1);

      if (self->episode == NULL || kts_map_canvas_get_layout (self) == NULL
          || find_card (kts_map_canvas_get_layout (self), move, KTS_N_LANES) < 0)
        {
          g_ptr_array_remove_index (self->selection, i - 1);
          changed = TRUE;
        }
    }

  if (self->selected_edge != NULL)
    {
      GListModel *edges = self->episode != NULL ? kts_episode_get_edges (self->episode) : NULL;
      gboolean    found = FALSE;

      for (guint i = 0; edges != NULL && i < g_list_model_get_n_items (edges) && !found; i++)
        {
          g_autoptr (KtsEdge) edge = g_list_model_get_item (edges, i);
          found = edge == self->selected_edge;
        }
      if (!found)
        {
          g_clear_object (&self->selected_edge);
          changed = TRUE;
        }
    }

  if (self->cursor_move != NULL && !is_selected (self, self->cursor_move))
    {
      if (kts_map_canvas_get_layout (self) == NULL
          || find_card (kts_map_canvas_get_layout (self), self->cursor_move, KTS_N_LANES) < 0)
        set_cursor (self,
                    self->selection->len > 0
                        ? g_ptr_array_index (self->selection, self->selection->len - 1)
                        : NULL,
                    KTS_N_LANES);
    }
  return changed;
}

/* ---- Observing the model -------------------------------------------------------- */

static void
invalidate (KtsMapCanvas *self)
{
  /* Drop the layout at once (it points at moves that may be gone); the
   * redraw and the scrollbars follow in an idle, once per burst of changes. */
  if (self->painter != NULL)
    {
      drag_preview_restore (self);
      kts_map_painter_invalidate (self->painter);
    }
  schedule_refresh (self);
}

static void
item_notify_cb (GObject *object, GParamSpec *pspec, KtsMapCanvas *self)
{
  invalidate (self);
}

static void
unwatch_items (KtsMapCanvas *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i), item_notify_cb,
                                          self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
watch_items (KtsMapCanvas *self)
{
  GListModel *models[2];

  unwatch_items (self);
  if (self->episode == NULL)
    return;

  models[0] = kts_episode_get_moves (self->episode);
  models[1] = kts_episode_get_edges (self->episode);
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint i = 0; i < g_list_model_get_n_items (models[m]); i++)
      {
        GObject *item = g_list_model_get_item (models[m], i);

        g_signal_connect (item, "notify", G_CALLBACK (item_notify_cb), self);
        g_ptr_array_add (self->watched, item);
      }
}

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, KtsMapCanvas *self)
{
  invalidate (self);
  /* Re-attach handlers in the idle: a removal of many moves sends many
   * items-changed, and one walk over the model is enough. */
}

static void
project_changed_cb (KtsProject *project, KtsMapCanvas *self)
{
  /* Codings changed under an anchor (codes, hence badges and footers). */
  invalidate (self);
}

static void
item_removed_cb (KtsProject *project, KtsItem *item, KtsMapCanvas *self)
{
  if ((gpointer)item == (gpointer)self->episode)
    kts_map_canvas_set_episode (self, self->project, NULL);
}

static void
episode_notify_cb (GObject *object, GParamSpec *pspec, KtsMapCanvas *self)
{
  if (g_str_equal (pspec->name, "name"))
    update_accessible (self);
  invalidate (self);
}

/* Shapes the cards' text while nothing else happens, a few milliseconds at a
 * time, so that zooming out later only draws. */
static gboolean
prepare_cb (gpointer user_data)
{
  KtsMapCanvas *self = user_data;

  if (self->painter == NULL || kts_map_painter_prepare (self->painter, 4000))
    {
      self->prepare_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
schedule_prepare (KtsMapCanvas *self)
{
  if (self->prepare_id == 0 && self->painter != NULL)
    self->prepare_id = g_idle_add_full (G_PRIORITY_LOW, prepare_cb, self, NULL);
}

static gboolean
refresh_cb (gpointer user_data)
{
  KtsMapCanvas *self = user_data;

  self->refresh_id = 0;
  watch_items (self);
  if (prune_selection (self))
    selection_changed (self);
  if (!self->placed)
    place_initially (self);
  viewport_changed (self, self->viewport.scale);
  update_actions (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  schedule_prepare (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (KtsMapCanvas *self)
{
  /* Before GTK's redraw (GDK_PRIORITY_REDRAW), so a frame never shows a
   * stale size. */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, refresh_cb, self, NULL);
}

void
kts_map_canvas_flush (KtsMapCanvas *self)
{
  g_return_if_fail (KTS_IS_MAP_CANVAS (self));

  if (self->refresh_id != 0)
    {
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      refresh_cb (self);
    }
}

/* ---- Painter and style -------------------------------------------------------------- */

static void
rebuild_painter (KtsMapCanvas *self)
{
  KtsMapStyle style;

  drag_preview_restore (self);
  g_clear_pointer (&self->painter, kts_map_painter_free);
  if (self->episode == NULL)
    return;

  kts_map_style_init (&style);
  style.arrangement = self->arrangement;
  style.dark = self->dark;
  style.detail_scale = KTS_MAP_CANVAS_DETAIL_SCALE;
  self->painter = kts_map_painter_new (self->episode, &style);
  schedule_prepare (self);
}

static void
style_dark_cb (GObject *object, GParamSpec *pspec, KtsMapCanvas *self)
{
  gboolean dark = adw_style_manager_get_dark (ADW_STYLE_MANAGER (object));

  if (dark == self->dark)
    return;
  self->dark = dark;
  rebuild_painter (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- Episode -------------------------------------------------------------------------- */

static void
disconnect_model (KtsMapCanvas *self)
{
  unwatch_items (self);
  if (self->episode != NULL)
    {
      g_signal_handlers_disconnect_by_data (kts_episode_get_moves (self->episode), self);
      g_signal_handlers_disconnect_by_data (kts_episode_get_edges (self->episode), self);
      g_signal_handlers_disconnect_by_data (self->episode, self);
    }
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
}

void
kts_map_canvas_set_episode (KtsMapCanvas *self, KtsProject *project, KtsEpisode *episode)
{
  gboolean project_changed, episode_changed;

  g_return_if_fail (KTS_IS_MAP_CANVAS (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));
  g_return_if_fail (episode == NULL || KTS_IS_EPISODE (episode));

  project_changed = self->project != project;
  episode_changed = self->episode != episode;
  if (!project_changed && !episode_changed)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  disconnect_model (self);
  if (self->drag_mode != DRAG_NONE)
    self->drag_mode = DRAG_NONE;
  g_set_object (&self->project, project);
  g_set_object (&self->episode, episode);

  if (episode_changed)
    {
      if (selection_clear (self))
        selection_changed (self);
      set_cursor (self, NULL, KTS_N_LANES);
      self->placed = FALSE;
      rebuild_painter (self);
    }

  if (self->episode != NULL)
    {
      g_signal_connect (kts_episode_get_moves (self->episode), "items-changed",
                        G_CALLBACK (items_changed_cb), self);
      g_signal_connect (kts_episode_get_edges (self->episode), "items-changed",
                        G_CALLBACK (items_changed_cb), self);
      g_signal_connect (self->episode, "notify", G_CALLBACK (episode_notify_cb), self);
      watch_items (self);
    }
  if (self->project != NULL)
    {
      g_signal_connect (self->project, "changed", G_CALLBACK (project_changed_cb), self);
      g_signal_connect (self->project, "item-removed", G_CALLBACK (item_removed_cb), self);
    }

  if (!self->placed)
    place_initially (self);
  viewport_changed (self, -1);
  update_actions (self);
  update_accessible (self);

  if (project_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
  if (episode_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPISODE]);
  g_object_thaw_notify (G_OBJECT (self));
}

KtsProject *
kts_map_canvas_get_project (KtsMapCanvas *self)
{
  g_return_val_if_fail (KTS_IS_MAP_CANVAS (self), NULL);
  return self->project;
}

KtsEpisode *
kts_map_canvas_get_episode (KtsMapCanvas *self)
{
  g_return_val_if_fail (KTS_IS_MAP_CANVAS (self), NULL);
  return self->episode;
}

KtsMapArrangement
kts_map_canvas_get_arrangement (KtsMapCanvas *self)
{
  g_return_val_if_fail (KTS_IS_MAP_CANVAS (self), KTS_MAP_ARRANGEMENT_SURFACE);
  return self->arrangement;
}

void
kts_map_canvas_set_arrangement (KtsMapCanvas *self, KtsMapArrangement arrangement)
{
  g_return_if_fail (KTS_IS_MAP_CANVAS (self));
  g_return_if_fail (arrangement == KTS_MAP_ARRANGEMENT_SURFACE
                    || arrangement == KTS_MAP_ARRANGEMENT_DYAD
                    || arrangement == KTS_MAP_ARRANGEMENT_FLOWCHART);

  if (self->arrangement == arrangement)
    return;
  self->arrangement = arrangement;
  rebuild_painter (self);
  viewport_changed (self, self->viewport.scale);
  reveal_card (self, cursor_card (self));
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARRANGEMENT]);
}

double
kts_map_canvas_get_zoom (KtsMapCanvas *self)
{
  g_return_val_if_fail (KTS_IS_MAP_CANVAS (self), 1.0);
  return self->viewport.scale / KTS_MAP_CANVAS_PIXELS_PER_POINT;
}

void
kts_map_canvas_set_zoom (KtsMapCanvas *self, double zoom)
{
  double old;

  g_return_if_fail (KTS_IS_MAP_CANVAS (self));
  g_return_if_fail (zoom > 0);

  old = self->viewport.scale;
  self->placed = TRUE;
  kts_map_viewport_set_scale (&self->viewport, zoom * KTS_MAP_CANVAS_PIXELS_PER_POINT);
  viewport_changed (self, old);
}

void
kts_map_canvas_zoom_to_fit (KtsMapCanvas *self)
{
  double old;

  g_return_if_fail (KTS_IS_MAP_CANVAS (self));

  old = self->viewport.scale;
  self->placed = TRUE;
  if (content_width (self) > 0 && content_height (self) > 0)
    kts_map_viewport_fit (&self->viewport, 0, 0, content_width (self), content_height (self),
                          MARGIN);
  viewport_changed (self, old);
}

void
kts_map_canvas_get_viewport (KtsMapCanvas *self, KtsMapViewport *viewport)
{
  g_return_if_fail (KTS_IS_MAP_CANVAS (self));
  g_return_if_fail (viewport != NULL);

  *viewport = self->viewport;
}

/* ---- Hit testing ------------------------------------------------------------------------- */

/* Once the lane names scroll out of view on the left they stay there, over
 * the map, as long as they are large enough to read. */
static gboolean
sticky_labels (KtsMapCanvas *self)
{
  return self->painter != NULL && self->viewport.origin_x > 0
         && self->viewport.scale >= KTS_MAP_CANVAS_DETAIL_SCALE;
}

/* Whether a view point lies on the sticky lane names (not on the map). */
static gboolean
on_sticky_labels (KtsMapCanvas *self, double view_x)
{
  return sticky_labels (self)
         && view_x < kts_map_painter_get_lane_labels_width (self->painter) * self->viewport.scale;
}

static int
hit_card (KtsMapCanvas *self, double view_x, double view_y)
{
  KtsMapLayout *layout = kts_map_canvas_get_layout (self);
  double        mx, my;

  if (layout == NULL || on_sticky_labels (self, view_x))
    return -1;
  kts_map_viewport_to_map (&self->viewport, view_x, view_y, &mx, &my);
  return kts_map_layout_hit_card (layout, mx, my);
}

static double
segment_distance (const KtsMapPoint *a, const KtsMapPoint *b, double x, double y)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((x - a->x) * dx + (y - a->y) * dy) / len2, 0, 1) : 0;

  return hypot (a->x + t * dx - x, a->y + t * dy - y);
}

/* The route of an edge (not a twin bar) near the point, or -1. */
static int
hit_route (KtsMapCanvas *self, double view_x, double view_y)
{
  KtsMapLayout *layout = kts_map_canvas_get_layout (self);
  double        mx, my, best, tolerance;
  int           found = -1;

  if (layout == NULL || on_sticky_labels (self, view_x))
    return -1;
  kts_map_viewport_to_map (&self->viewport, view_x, view_y, &mx, &my);
  tolerance = EDGE_HIT_PIXELS / self->viewport.scale;
  best = tolerance;
  for (guint i = 0; i < layout->routes->len; i++)
    {
      const KtsMapRoute *route = &g_array_index (layout->routes, KtsMapRoute, i);

      if (route->edge == NULL)
        continue;
      for (guint k = 1; k < route->n_points; k++)
        {
          double d = segment_distance (&route->points[k - 1], &route->points[k], mx, my);
          if (d <= best)
            {
              best = d;
              found = (int)i;
            }
        }
    }
  return found;
}

/* ---- Drag preview: cards follow the pointer before anything is stored ----------------- */

static void
drag_preview_begin (KtsMapCanvas *self)
{
  KtsMapLayout *layout = kts_map_canvas_get_layout (self);

  g_assert (self->saved_cards == NULL);
  self->preview_layout = layout;
  self->saved_cards = g_array_sized_new (FALSE, FALSE, sizeof (KtsMapCard), layout->cards->len);
  g_array_append_vals (self->saved_cards, layout->cards->data, layout->cards->len);
  self->saved_routes = g_array_sized_new (FALSE, FALSE, sizeof (KtsMapRoute), layout->routes->len);
  g_array_append_vals (self->saved_routes, layout->routes->data, layout->routes->len);
}

static void
drag_preview_restore (KtsMapCanvas *self)
{
  if (self->saved_cards == NULL)
    return;

  /* Only when the layout is still the one we changed; a new one is fresh. */
  if (self->painter != NULL && kts_map_painter_get_layout (self->painter) == self->preview_layout)
    {
      memcpy (self->preview_layout->cards->data, self->saved_cards->data,
              self->saved_cards->len * sizeof (KtsMapCard));
      memcpy (self->preview_layout->routes->data, self->saved_routes->data,
              self->saved_routes->len * sizeof (KtsMapRoute));
    }
  g_clear_pointer (&self->saved_cards, g_array_unref);
  g_clear_pointer (&self->saved_routes, g_array_unref);
  self->preview_layout = NULL;
}

/* Moves the selected cards by (@dx, @dy) map units from where they were;
 * routes keep their shape and stretch at the moved ends. */
static void
drag_preview_update (KtsMapCanvas *self, double dx, double dy)
{
  KtsMapLayout *layout = self->preview_layout;

  if (layout == NULL || self->painter == NULL
      || kts_map_painter_get_layout (self->painter) != layout)
    return;

  for (guint i = 0; i < layout->cards->len; i++)
    {
      KtsMapCard       *card = &g_array_index (layout->cards, KtsMapCard, i);
      const KtsMapCard *saved = &g_array_index (self->saved_cards, KtsMapCard, i);

      card->x = saved->x;
      card->y = saved->y;
      if (is_selected (self, card->move))
        {
          card->x += dx;
          card->y += dy;
        }
    }

  for (guint i = 0; i < layout->routes->len; i++)
    {
      KtsMapRoute       *route = &g_array_index (layout->routes, KtsMapRoute, i);
      const KtsMapRoute *saved = &g_array_index (self->saved_routes, KtsMapRoute, i);
      gboolean           from = is_selected (self, card_at (layout, saved->from_card)->move);
      gboolean           to = is_selected (self, card_at (layout, saved->to_card)->move);
      guint              n = saved->n_points;

      *route = *saved;
      if (n < 2 || (!from && !to))
        continue;
      if (from && to)
        {
          for (guint k = 0; k < n; k++)
            {
              route->points[k].x += dx;
              route->points[k].y += dy;
            }
          continue;
        }

      if (to)
        {
          KtsMapPoint *end = &route->points[n - 1];
          KtsMapPoint *next = &route->points[n - 2];
          gboolean     horizontal = fabs (saved->points[n - 1].y - saved->points[n - 2].y) < 1e-6;

          end->x += dx;
          end->y += dy;
          if (n >= 3)
            {
              if (horizontal)
                next->y += dy;
              else
                next->x += dx;
            }
        }
      else
        {
          KtsMapPoint *start = &route->points[0];
          KtsMapPoint *next = &route->points[1];
          gboolean     horizontal = fabs (saved->points[0].y - saved->points[1].y) < 1e-6;

          start->x += dx;
          start->y += dy;
          if (n >= 3)
            {
              if (horizontal)
                next->y += dy;
              else
                next->x += dx;
            }
        }
    }
}

/* Stores where the dragged cards went, as one undo step. */
static void
drag_cards_commit (KtsMapCanvas *self, double dx, double dy)
{
  g_autoptr (GPtrArray) moves = NULL;
  g_autoptr (GArray) positions = g_array_new (FALSE, FALSE, sizeof (KtsMapPoint));

  if (self->saved_cards == NULL || self->project == NULL
      || self->arrangement == KTS_MAP_ARRANGEMENT_FLOWCHART)
    {
      drag_preview_restore (self);
      return;
    }

  /* The top-left of each move's first card, from before the drag. */
  moves = kts_map_canvas_get_selected_moves (self);
  for (guint i = 0; i < moves->len; i++)
    {
      KtsMapPoint point = { G_MAXDOUBLE, G_MAXDOUBLE };

      for (guint c = 0; c < self->saved_cards->len; c++)
        {
          const KtsMapCard *card = &g_array_index (self->saved_cards, KtsMapCard, c);

          if (card->move == g_ptr_array_index (moves, i))
            {
              point.x = round (card->x + dx);
              point.y = round (card->y + dy);
              break;
            }
        }
      g_array_append_val (positions, point);
    }
  drag_preview_restore (self);

  kts_project_begin_group (self->project, _ ("Move cards"));
  for (guint i = 0; i < moves->len; i++)
    {
      KtsMove           *move = g_ptr_array_index (moves, i);
      const KtsMapPoint *point = &g_array_index (positions, KtsMapPoint, i);

      if (point->x == G_MAXDOUBLE)
        continue;
      kts_project_set_boolean (self->project, move, "has-position", TRUE);
      kts_project_set_double (self->project, move, "x", point->x);
      kts_project_set_double (self->project, move, "y", point->y);
    }
  kts_project_end_group (self->project);
}

/* ---- Pointer gestures --------------------------------------------------------------------- */

static void
press (KtsMapCanvas *self, guint button, double x, double y, GdkModifierType modifiers)
{
  gboolean extend = (modifiers & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  int      card, route;

  self->drag_button = button;
  self->press_x = x;
  self->press_y = y;
  self->drag_dx = self->drag_dy = 0;
  self->drag_moved = FALSE;
  self->press_modifiers = modifiers;
  self->press_move = NULL;
  self->press_origin_x = self->viewport.origin_x;
  self->press_origin_y = self->viewport.origin_y;

  if (button == GDK_BUTTON_MIDDLE)
    {
      self->drag_mode = DRAG_PAN;
      return;
    }

  card = hit_card (self, x, y);
  if (card >= 0)
    {
      const KtsMapCard *c = card_at (kts_map_canvas_get_layout (self), card);
      gboolean          changed = FALSE;

      self->drag_mode = self->project != NULL ? DRAG_CARDS : DRAG_NONE;
      self->press_move = c->move;
      self->press_was_selected = is_selected (self, c->move);
      if (!self->press_was_selected)
        {
          if (!extend)
            changed |= selection_clear (self);
          changed |= selection_add (self, c->move);
        }
      set_cursor (self, c->move, c->lane);
      if (changed)
        selection_changed (self);
      else
        {
          update_accessible (self);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      return;
    }

  route = hit_route (self, x, y);
  if (route >= 0)
    {
      KtsMapLayout      *layout = kts_map_canvas_get_layout (self);
      const KtsMapRoute *r = &g_array_index (layout->routes, KtsMapRoute, route);

      self->drag_mode = DRAG_NONE;
      if (selection_set_edge (self, r->edge))
        selection_changed (self);
      return;
    }

  if (modifiers & GDK_SHIFT_MASK)
    {
      self->drag_mode = DRAG_RUBBER;
      g_clear_pointer (&self->press_selection, g_ptr_array_unref);
      self->press_selection = kts_map_canvas_get_selected_moves (self);
    }
  else
    self->drag_mode = DRAG_EMPTY_CLICK;
}

static void
rubber_band_select (KtsMapCanvas *self)
{
  KtsMapLayout *layout = kts_map_canvas_get_layout (self);
  double        x0, y0, x1, y1;
  gboolean      changed;
  g_autoptr (GPtrArray) before = NULL;

  if (layout == NULL)
    return;
  kts_map_viewport_to_map (&self->viewport, self->press_x, self->press_y, &x0, &y0);
  kts_map_viewport_to_map (&self->viewport, self->press_x + self->drag_dx,
                           self->press_y + self->drag_dy, &x1, &y1);

  /* The selection from before the band, plus every card the band touches. */
  before = kts_map_canvas_get_selected_moves (self);
  changed = self->selected_edge != NULL;
  g_ptr_array_set_size (self->selection, 0);
  g_clear_object (&self->selected_edge);
  for (guint i = 0; self->press_selection != NULL && i < self->press_selection->len; i++)
    selection_add (self, g_ptr_array_index (self->press_selection, i));
  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = card_at (layout, i);

      if (card->x < MAX (x0, x1) && card->x + card->width > MIN (x0, x1) && card->y < MAX (y0, y1)
          && card->y + card->height > MIN (y0, y1))
        {
          selection_add (self, card->move);
          set_cursor (self, card->move, card->lane);
        }
    }
  changed |= before->len != self->selection->len;
  for (guint i = 0; !changed && i < before->len; i++)
    changed = g_ptr_array_index (before, i) != g_ptr_array_index (self->selection, i);
  if (changed)
    selection_changed (self);
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion (KtsMapCanvas *self, double dx, double dy)
{
  if (self->drag_mode == DRAG_NONE)
    return;

  self->drag_dx = dx;
  self->drag_dy = dy;
  if (!self->drag_moved)
    {
      if (!gtk_drag_check_threshold (GTK_WIDGET (self), 0, 0, (int)dx, (int)dy))
        return;
      self->drag_moved = TRUE;
      /* The flowchart is always the automatic chain (manual positions
       * belong to the process map): dragging a box pans instead. */
      if (self->drag_mode == DRAG_EMPTY_CLICK
          || (self->drag_mode == DRAG_CARDS && self->arrangement == KTS_MAP_ARRANGEMENT_FLOWCHART))
        self->drag_mode = DRAG_PAN;
      if (self->drag_mode == DRAG_CARDS)
        drag_preview_begin (self);
    }

  switch (self->drag_mode)
    {
    case DRAG_PAN:
      {
        double old = self->viewport.scale;

        self->viewport.origin_x = self->press_origin_x - dx / self->viewport.scale;
        self->viewport.origin_y = self->press_origin_y - dy / self->viewport.scale;
        viewport_changed (self, old);
      }
      break;

    case DRAG_CARDS:
      drag_preview_update (self, dx / self->viewport.scale, dy / self->viewport.scale);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case DRAG_RUBBER:
      rubber_band_select (self);
      break;

    case DRAG_EMPTY_CLICK:
    case DRAG_NONE:
    default:
      break;
    }
}

static void
release (KtsMapCanvas *self)
{
  DragMode mode = self->drag_mode;

  self->drag_mode = DRAG_NONE;
  g_clear_pointer (&self->press_selection, g_ptr_array_unref);

  if (mode == DRAG_CARDS && self->drag_moved)
    {
      drag_cards_commit (self, self->drag_dx / self->viewport.scale,
                         self->drag_dy / self->viewport.scale);
      return;
    }
  drag_preview_restore (self);

  if (self->drag_moved)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  /* A click without a drag. */
  if (mode == DRAG_EMPTY_CLICK)
    {
      if (selection_clear (self))
        selection_changed (self);
    }
  else if (mode == DRAG_CARDS && self->press_move != NULL && self->press_was_selected)
    {
      gboolean extend = (self->press_modifiers & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
      gboolean changed;

      if (extend)
        {
          changed = selection_remove (self, self->press_move);
          if (self->cursor_move == self->press_move)
            set_cursor (self,
                        self->selection->len > 0
                            ? g_ptr_array_index (self->selection, self->selection->len - 1)
                            : NULL,
                        KTS_N_LANES);
        }
      else
        {
          changed = self->selection->len != 1;
          if (changed)
            {
              selection_clear (self);
              selection_add (self, self->press_move);
            }
        }
      if (changed)
        selection_changed (self);
    }
}

static void
drag_begin_cb (GtkGestureDrag *gesture, double x, double y, KtsMapCanvas *self)
{
  GtkEventController *controller = GTK_EVENT_CONTROLLER (gesture);

  if (self->episode == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  press (self, gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)), x, y,
         gtk_event_controller_get_current_event_state (controller));
}

static void
drag_update_cb (GtkGestureDrag *gesture, double dx, double dy, KtsMapCanvas *self)
{
  motion (self, dx, dy);
}

static void
drag_end_cb (GtkGestureDrag *gesture, double dx, double dy, KtsMapCanvas *self)
{
  if (self->drag_mode == DRAG_NONE && !self->drag_moved)
    return;
  motion (self, dx, dy);
  release (self);
}

static void
drag_cancel_cb (GtkGesture *gesture, GdkEventSequence *sequence, KtsMapCanvas *self)
{
  self->drag_mode = DRAG_NONE;
  drag_preview_restore (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
activate_card (KtsMapCanvas *self, int index, double view_x, double view_y)
{
  KtsMapLayout     *layout = kts_map_canvas_get_layout (self);
  const KtsMapCard *card;
  GPtrArray        *anchors;
  cairo_rectangle_t area;
  gboolean          on_anchor = FALSE;

  if (layout == NULL || index < 0)
    return;
  card = card_at (layout, index);
  anchors = kts_move_get_anchors (card->move);

  if (view_x < 0)
    on_anchor = TRUE; /* from the keyboard: the first anchor, if any */
  else if (kts_map_painter_get_anchor_area (self->painter, index, &area))
    {
      double mx, my;

      kts_map_viewport_to_map (&self->viewport, view_x, view_y, &mx, &my);
      on_anchor = mx >= area.x && mx < area.x + area.width && my >= area.y - 2
                  && my < area.y + area.height + 2;
    }

  if (on_anchor && anchors != NULL && anchors->len > 0)
    g_signal_emit (self, signals[ANCHOR_ACTIVATED], 0, g_ptr_array_index (anchors, 0));
  else
    g_signal_emit (self, signals[MOVE_ACTIVATED], 0, card->move);
}

static void
click_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, KtsMapCanvas *self)
{
  if (n_press == 2)
    activate_card (self, hit_card (self, x, y), x, y);
}

static void
motion_cb (GtkEventControllerMotion *controller, double x, double y, KtsMapCanvas *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
}

static void
leave_cb (GtkEventControllerMotion *controller, KtsMapCanvas *self)
{
  self->pointer_inside = FALSE;
}

static void
scroll (KtsMapCanvas *self, double dx, double dy, GdkModifierType state, GdkScrollUnit unit)
{
  double old = self->viewport.scale;

  if (state & GDK_CONTROL_MASK)
    {
      double x = self->pointer_inside ? self->pointer_x : self->viewport.view_width / 2;
      double y = self->pointer_inside ? self->pointer_y : self->viewport.view_height / 2;
      double factor = unit == GDK_SCROLL_UNIT_WHEEL ? pow (1.15, -dy) : exp (-dy / 150.0);

      self->placed = TRUE;
      zoom_by (self, factor, x, y);
      return;
    }

  if ((state & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  if (unit == GDK_SCROLL_UNIT_WHEEL)
    {
      dx *= 64;
      dy *= 64;
    }
  kts_map_viewport_pan_by (&self->viewport, -dx, -dy);
  viewport_changed (self, old);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller, double dx, double dy, KtsMapCanvas *self)
{
  if (self->episode == NULL)
    return FALSE;
  scroll (self, dx, dy,
          gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller)),
          gtk_event_controller_scroll_get_unit (controller));
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture *gesture, GdkEventSequence *sequence, KtsMapCanvas *self)
{
  self->zoom_gesture_start = self->viewport.scale;
}

static void
pinch (KtsMapCanvas *self, double x, double y, double scale)
{
  double target = self->zoom_gesture_start * scale;

  self->placed = TRUE;
  zoom_by (self, target / self->viewport.scale, x, y);
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture, double scale, KtsMapCanvas *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = self->viewport.view_width / 2;
      y = self->viewport.view_height / 2;
    }
  pinch (self, x, y, scale);
}

/* ---- Test hooks --------------------------------------------------------------------------------
 */

void
kts_map_canvas_test_click (KtsMapCanvas *self, double x, double y, GdkModifierType modifiers)
{
  g_return_if_fail (KTS_IS_MAP_CANVAS (self));

  press (self, GDK_BUTTON_PRIMARY, x, y, modifiers);
  release (self);
}

void
kts_map_canvas_test_double_click (KtsMapCanvas *self, double x, double y)
{
  g_return_if_fail (KTS_IS_MAP_CANVAS (self));

  kts_map_canvas_test_click (self, x, y, 0);
  activate_card (self, hit_card (self, x, y), x, y);
}

void
kts_map_canvas_test_drag (KtsMapCanvas   *self,
                          guint           button,
                          double          x,
                          double          y,
                          double          dx,
                          double          dy,
                          guint           n_steps,
                          GdkModifierType modifiers)
{
  g_return_if_fail (KTS_IS_MAP_CANVAS (self));

  press (self, button, x, y, modifiers);
  for (guint i = 1; i <= MAX (n_steps, 1); i++)
    motion (self, dx * i / MAX (n_steps, 1), dy * i / MAX (n_steps, 1));
  release (self);
}

void
kts_map_canvas_test_scroll (
    KtsMapCanvas *self, double x, double y, double dx, double dy, GdkModifierType modifiers)
{
  g_return_if_fail (KTS_IS_MAP_CANVAS (self));

  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  scroll (self, dx, dy, modifiers, GDK_SCROLL_UNIT_WHEEL);
}

void
kts_map_canvas_test_pinch (KtsMapCanvas *self, double x, double y, double scale)
{
  g_return_if_fail (KTS_IS_MAP_CANVAS (self));

  self->zoom_gesture_start = self->viewport.scale;
  pinch (self, x, y, scale);
}

/* ---- Keyboard navigation
 * ------------------------------------------------------------------------- */

static int
nearest_in_lane (KtsMapLayout *layout, KtsLaneId lane, double x)
{
  int    best = -1;
  double best_d = G_MAXDOUBLE;

  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = card_at (layout, i);
      double            d = fabs (card->x + card->width / 2 - x);

      if (card->lane == lane && d < best_d)
        {
          best = (int)i;
          best_d = d;
        }
    }
  return best;
}

/* The card of the move at @index closest in height to @from. */
static int
card_of_move_index (KtsMapLayout *layout, guint index, const KtsMapCard *from)
{
  int    best = -1;
  double best_d = G_MAXDOUBLE;

  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = card_at (layout, i);
      double            d = from != NULL ? fabs (card->y - from->y) : 0;

      if (card->move_index == index && d < best_d)
        {
          best = (int)i;
          best_d = d;
        }
    }
  return best;
}

static void
navigate (KtsMapCanvas *self, Nav nav, gboolean extend)
{
  KtsMapLayout     *layout = kts_map_canvas_get_layout (self);
  int               current = cursor_card (self);
  const KtsMapCard *from;
  int               target = -1;
  guint             n_moves;

  if (layout == NULL || layout->cards->len == 0)
    return;
  n_moves = layout->n_columns;
  from = current >= 0 ? card_at (layout, current) : NULL;

  if (from == NULL)
    target = card_of_move_index (layout, (nav == NAV_PREVIOUS || nav == NAV_LAST) ? n_moves - 1 : 0,
                                 NULL);
  else
    switch (nav)
      {
      case NAV_PREVIOUS:
        if (from->move_index > 0)
          target = card_of_move_index (layout, from->move_index - 1, from);
        break;
      case NAV_NEXT:
        if (from->move_index + 1 < n_moves)
          target = card_of_move_index (layout, from->move_index + 1, from);
        break;
      case NAV_FIRST:
        target = card_of_move_index (layout, 0, from);
        break;
      case NAV_LAST:
        target = card_of_move_index (layout, n_moves - 1, from);
        break;
      case NAV_ABOVE:
      case NAV_BELOW:
        {
          const KtsLaneId *order = kts_map_lane_order (self->arrangement);
          int              pos = 0;

          for (int i = 0; i < KTS_N_LANES; i++)
            if (order[i] == from->lane)
              pos = i;
          for (int i = pos + (nav == NAV_ABOVE ? -1 : 1); i >= 0 && i < KTS_N_LANES && target < 0;
               i += nav == NAV_ABOVE ? -1 : 1)
            target = nearest_in_lane (layout, order[i], from->x + from->width / 2);
        }
        break;
      default:
        g_assert_not_reached ();
      }

  if (target < 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  {
    const KtsMapCard *card = card_at (layout, target);
    gboolean          changed = FALSE;

    if (!extend)
      changed = selection_clear (self);
    changed |= selection_add (self, card->move);
    set_cursor (self, card->move, card->lane);
    reveal_card (self, target);
    if (changed)
      selection_changed (self);
    else
      {
        update_accessible (self);
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
  }
}

static gboolean
navigate_binding_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  int      nav;
  gboolean extend;

  g_variant_get (args, "(ib)", &nav, &extend);
  navigate (KTS_MAP_CANVAS (widget), nav, extend);
  return TRUE;
}

static void
navigate_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  static const struct
  {
    const char *name;
    Nav         nav;
  } table[] = {
    { "map.select-previous", NAV_PREVIOUS }, { "map.select-next", NAV_NEXT },
    { "map.select-above", NAV_ABOVE },       { "map.select-below", NAV_BELOW },
    { "map.select-first", NAV_FIRST },       { "map.select-last", NAV_LAST },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (action_name, table[i].name))
      navigate (KTS_MAP_CANVAS (widget), table[i].nav, FALSE);
}

/* ---- Actions
 * ---------------------------------------------------------------------------------------- */

static void
zoom_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KtsMapCanvas *self = KTS_MAP_CANVAS (widget);
  double        cx = self->viewport.view_width / 2, cy = self->viewport.view_height / 2;

  self->placed = TRUE;
  if (g_str_equal (action_name, "map.zoom-in"))
    zoom_by (self, ZOOM_STEP, cx, cy);
  else if (g_str_equal (action_name, "map.zoom-out"))
    zoom_by (self, 1 / ZOOM_STEP, cx, cy);
  else if (g_str_equal (action_name, "map.zoom-reset"))
    zoom_by (self, KTS_MAP_CANVAS_PIXELS_PER_POINT / self->viewport.scale, cx, cy);
  else
    kts_map_canvas_zoom_to_fit (self);
}

static void
relayout_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KtsMapCanvas *self = KTS_MAP_CANVAS (widget);
  GListModel   *moves;
  gboolean      any = FALSE;

  if (self->project == NULL || self->episode == NULL)
    return;

  moves = kts_episode_get_moves (self->episode);
  for (guint i = 0; i < g_list_model_get_n_items (moves) && !any; i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      any = kts_move_get_position (move, NULL, NULL);
    }
  if (!any)
    return;

  kts_project_begin_group (self->project, _ ("Arrange cards automatically"));
  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);

      if (kts_move_get_position (move, NULL, NULL))
        kts_project_set_boolean (self->project, move, "has-position", FALSE);
    }
  kts_project_end_group (self->project);
}

static void
delete_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KtsMapCanvas *self = KTS_MAP_CANVAS (widget);
  g_autoptr (GPtrArray) moves = NULL;

  if (self->project == NULL || self->episode == NULL)
    return;

  if (self->selected_edge != NULL)
    {
      g_autoptr (KtsEdge) edge = g_object_ref (self->selected_edge);

      kts_project_remove_edge (self->project, self->episode, edge);
      return;
    }
  if (self->selection->len == 0)
    return;

  moves = kts_map_canvas_get_selected_moves (self);
  kts_project_begin_group (
      self->project, g_dngettext (GETTEXT_PACKAGE, "Delete move", "Delete moves", moves->len));
  for (guint i = 0; i < moves->len; i++)
    kts_project_remove_move (self->project, self->episode, g_ptr_array_index (moves, i));
  kts_project_end_group (self->project);
}

/* A new move's ident follows the pattern of the one it is made from:
 * "e9" gives the next free "eN". */
static char *
next_ident (KtsEpisode *episode, const char *model)
{
  GListModel      *moves = kts_episode_get_moves (episode);
  g_autofree char *prefix = NULL;
  gsize            len;
  guint64          highest = 0;

  if (model == NULL)
    model = "m";
  len = strlen (model);
  while (len > 0 && g_ascii_isdigit (model[len - 1]))
    len--;
  prefix = g_strndup (model, len);

  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      const char *ident = kts_move_get_ident (move);

      if (ident != NULL && g_str_has_prefix (ident, prefix) && ident[len] != '\0')
        {
          char   *end = NULL;
          guint64 n = g_ascii_strtoull (ident + len, &end, 10);

          if (end != NULL && *end == '\0')
            highest = MAX (highest, n);
        }
    }
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT, prefix, highest + 1);
}

static void
add_move_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KtsMapCanvas *self = KTS_MAP_CANVAS (widget);
  GListModel   *moves;
  g_autoptr (KtsMove) move = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *ident = NULL;
  KtsMove         *from = NULL;
  int              position = -1;

  if (self->project == NULL || self->episode == NULL)
    return;

  moves = kts_episode_get_moves (self->episode);
  /* After the last selected move in event order. */
  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) m = g_list_model_get_item (moves, i);

      if (is_selected (self, m))
        position = (int)i + 1;
    }
  from = self->cursor_move != NULL && is_selected (self, self->cursor_move) ? self->cursor_move
         : self->selection->len > 0 ? g_ptr_array_index (self->selection, 0)
                                    : NULL;

  move = kts_move_new (NULL, _ ("New move"));
  ident = next_ident (self->episode, from != NULL ? kts_move_get_ident (from) : NULL);
  /* Not yet in the project, so it may be set up directly. */
  g_object_set (move, "ident", ident, NULL);
  if (from != NULL)
    {
      KtsLaneId    lane = self->cursor_move == from ? self->cursor_lane : KTS_N_LANES;
      KtsDimension dimension = kts_move_get_dimension (from);

      if (lane == KTS_LANE_T_SD || lane == KTS_LANE_C_SD)
        dimension = KTS_DIMENSION_SELF_DEFINITION;
      else if (lane == KTS_LANE_T_REL || lane == KTS_LANE_C_REL)
        dimension = KTS_DIMENSION_RELATEDNESS;
      g_object_set (move, "actor", kts_move_get_actor (from), "third-role",
                    kts_move_get_third_role (from), "dimension", dimension, "phase",
                    kts_move_get_phase (from), "location", kts_move_get_location (from), NULL);
    }

  if (!kts_project_add_move (self->project, self->episode, move, position, &error))
    {
      g_warning ("%s", error->message);
      return;
    }
  kts_map_canvas_flush (self);
  kts_map_canvas_select_move (self, move, FALSE);
}

static void
connect_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KtsMapCanvas *self = KTS_MAP_CANVAS (widget);
  const char   *nick = g_variant_get_string (parameter, NULL);
  int           type;
  g_autoptr (KtsEdge) edge = NULL;
  g_autoptr (GError) error = NULL;

  if (self->project == NULL || self->episode == NULL || self->selection->len != 2)
    return;
  if (!kts_enum_from_nick (KTS_TYPE_EDGE_TYPE, nick, &type))
    {
      g_warning ("map.connect: “%s” is not an edge type", nick);
      return;
    }

  edge = kts_edge_new (NULL, type, g_ptr_array_index (self->selection, 0),
                       g_ptr_array_index (self->selection, 1));
  if (!kts_project_add_edge (self->project, self->episode, edge, &error))
    g_warning ("%s", error->message);
}

static void
activate_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KtsMapCanvas *self = KTS_MAP_CANVAS (widget);

  activate_card (self, cursor_card (self), -1, -1);
}

/* ---- GtkWidget
 * ------------------------------------------------------------------------------------------ */

static void
selection_color (KtsMapCanvas *self, GdkRGBA *color, float alpha)
{
  /* The accent of the painter's palettes (Adwaita blue). */
  if (self->dark)
    *color = (GdkRGBA){ 0.47f, 0.68f, 0.98f, alpha };
  else
    *color = (GdkRGBA){ 0.21f, 0.52f, 0.89f, alpha };
}

static void
kts_map_canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  KtsMapCanvas     *self = KTS_MAP_CANVAS (widget);
  int               width = gtk_widget_get_width (widget);
  int               height = gtk_widget_get_height (widget);
  KtsMapLayout     *layout;
  KtsMapViewport   *vp = &self->viewport;
  cairo_t          *cr;
  cairo_rectangle_t clip;
  g_autoptr (GArray) selected = NULL;
  GdkRGBA desk
      = self->dark ? (GdkRGBA){ 0.09f, 0.09f, 0.10f, 1 } : (GdkRGBA){ 0.88f, 0.88f, 0.90f, 1 };
  double vx, vy, vw, vh;

  layout = kts_map_canvas_get_layout (self);
  if (layout == NULL || width <= 0 || height <= 0)
    {
      gtk_snapshot_append_color (snapshot, &desk, &GRAPHENE_RECT_INIT (0, 0, width, height));
      return;
    }

  /* The desk only where the sheet does not cover the view. */
  {
    double x0, y0, x1, y1;

    kts_map_viewport_to_view (vp, 0, 0, &x0, &y0);
    kts_map_viewport_to_view (vp, layout->width, layout->height, &x1, &y1);
    x0 = CLAMP (floor (x0), 0, width);
    y0 = CLAMP (floor (y0), 0, height);
    x1 = CLAMP (ceil (x1), 0, width);
    y1 = CLAMP (ceil (y1), 0, height);
    if (y0 > 0)
      gtk_snapshot_append_color (snapshot, &desk, &GRAPHENE_RECT_INIT (0, 0, width, y0));
    if (y1 < height)
      gtk_snapshot_append_color (snapshot, &desk, &GRAPHENE_RECT_INIT (0, y1, width, height - y1));
    if (x0 > 0)
      gtk_snapshot_append_color (snapshot, &desk, &GRAPHENE_RECT_INIT (0, y0, x0, y1 - y0));
    if (x1 < width)
      gtk_snapshot_append_color (snapshot, &desk,
                                 &GRAPHENE_RECT_INIT (x1, y0, width - x1, y1 - y0));
  }

  kts_map_viewport_get_visible (vp, &vx, &vy, &vw, &vh);
  clip.x = MAX (vx, 0);
  clip.y = MAX (vy, 0);
  clip.width = MIN (vx + vw, layout->width) - clip.x;
  clip.height = MIN (vy + vh, layout->height) - clip.y;
  if (clip.width <= 0 || clip.height <= 0)
    return;

  /* The map's sheet, with a soft edge against the desk. */
  {
    double         x0, y0, x1, y1;
    GskRoundedRect sheet;
    GdkRGBA        shadow = { 0, 0, 0, self->dark ? 0.5f : 0.18f };

    kts_map_viewport_to_view (vp, 0, 0, &x0, &y0);
    kts_map_viewport_to_view (vp, layout->width, layout->height, &x1, &y1);
    /* Edges far outside the view cast no visible shadow; a sheet thousands
     * of pixels wide would still cost the renderer its whole blur. */
    x0 = MAX (x0, -24);
    y0 = MAX (y0, -24);
    x1 = MIN (x1, width + 24);
    y1 = MIN (y1, height + 24);
    gsk_rounded_rect_init_from_rect (&sheet, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0), 0);
    gtk_snapshot_append_outset_shadow (snapshot, &sheet, &shadow, 0, 1, 0, 6);
  }

  selected = g_array_new (FALSE, FALSE, sizeof (int));
  if (self->selection->len > 0)
    for (guint i = 0; i < layout->cards->len; i++)
      if (is_selected (self, card_at (layout, i)->move))
        {
          int index = (int)i;
          g_array_append_val (selected, index);
        }

  /* Only the visible part: the node covers the widget, the painter skips
   * what lies outside the clip. */
  {
    double x0, y0;

    kts_map_viewport_to_view (vp, clip.x, clip.y, &x0, &y0);
    cr = gtk_snapshot_append_cairo (
        snapshot, &GRAPHENE_RECT_INIT (floor (x0), floor (y0), ceil (clip.width * vp->scale) + 1,
                                       ceil (clip.height * vp->scale) + 1));
  }
  cairo_scale (cr, vp->scale, vp->scale);
  cairo_translate (cr, -vp->origin_x, -vp->origin_y);
  cairo_rectangle (cr, clip.x, clip.y, clip.width, clip.height);
  cairo_clip (cr);
  kts_map_painter_draw (self->painter, cr, &clip, selected);
  if (sticky_labels (self))
    kts_map_painter_draw_lane_labels (self->painter, cr, vp->origin_x);

  /* The selected edge: a translucent band under the pointer's reach. */
  if (self->selected_edge != NULL)
    for (guint i = 0; i < layout->routes->len; i++)
      {
        const KtsMapRoute *route = &g_array_index (layout->routes, KtsMapRoute, i);
        GdkRGBA            c;

        if (route->edge != self->selected_edge || route->n_points < 2)
          continue;
        selection_color (self, &c, 0.45f);
        gdk_cairo_set_source_rgba (cr, &c);
        cairo_set_line_width (cr, 7.0 / vp->scale);
        cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
        cairo_move_to (cr, route->points[0].x, route->points[0].y);
        for (guint k = 1; k < route->n_points; k++)
          cairo_line_to (cr, route->points[k].x, route->points[k].y);
        cairo_stroke (cr);
      }

  /* Keyboard focus: a dashed ring around the cursor card. */
  if (gtk_widget_has_visible_focus (widget))
    {
      int     index = cursor_card (self);
      GdkRGBA c;

      selection_color (self, &c, 1.0f);
      gdk_cairo_set_source_rgba (cr, &c);
      cairo_set_line_width (cr, 1.5 / vp->scale);
      {
        double dash[] = { 4 / vp->scale, 3 / vp->scale };
        cairo_set_dash (cr, dash, 2, 0);
      }
      if (index >= 0)
        {
          const KtsMapCard *card = card_at (layout, index);
          double            pad = 4 + 4 / vp->scale;

          cairo_rectangle (cr, card->x - pad, card->y - pad, card->width + 2 * pad,
                           card->height + 2 * pad);
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);

  if (gtk_widget_has_visible_focus (widget) && cursor_card (self) < 0)
    {
      GskRoundedRect outline;
      GdkRGBA        c[4];
      float          widths[4] = { 2, 2, 2, 2 };

      for (guint i = 0; i < 4; i++)
        selection_color (self, &c[i], 0.8f);
      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2),
                                       4);
      gtk_snapshot_append_border (snapshot, &outline, widths, c);
    }

  if (self->drag_mode == DRAG_RUBBER && self->drag_moved)
    {
      graphene_rect_t band = GRAPHENE_RECT_INIT (MIN (self->press_x, self->press_x + self->drag_dx),
                                                 MIN (self->press_y, self->press_y + self->drag_dy),
                                                 fabs (self->drag_dx), fabs (self->drag_dy));
      GskRoundedRect  outline;
      GdkRGBA         fill, c[4];
      float           widths[4] = { 1, 1, 1, 1 };

      selection_color (self, &fill, 0.15f);
      for (guint i = 0; i < 4; i++)
        selection_color (self, &c[i], 0.9f);
      gtk_snapshot_append_color (snapshot, &fill, &band);
      gsk_rounded_rect_init_from_rect (&outline, &band, 0);
      gtk_snapshot_append_border (snapshot, &outline, widths, c);
    }
}

static void
kts_map_canvas_measure (GtkWidget     *widget,
                        GtkOrientation orientation,
                        int            for_size,
                        int           *minimum,
                        int           *natural,
                        int           *minimum_baseline,
                        int           *natural_baseline)
{
  KtsMapCanvas *self = KTS_MAP_CANVAS (widget);
  double        content
      = orientation == GTK_ORIENTATION_HORIZONTAL ? content_width (self) : content_height (self);

  *minimum = 64;
  *natural = MAX (64, (int)ceil (content * self->viewport.scale + 2 * MARGIN));
}

static void
kts_map_canvas_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  KtsMapCanvas *self = KTS_MAP_CANVAS (widget);
  double        old_w = self->viewport.view_width, old_h = self->viewport.view_height;

  kts_map_viewport_set_size (&self->viewport, width, height);
  /* Keep the centre of the view where it was when the widget resizes. */
  if (self->placed && old_w > 0 && old_h > 0)
    {
      self->viewport.origin_x += (old_w - width) / 2 / self->viewport.scale;
      self->viewport.origin_y += (old_h - height) / 2 / self->viewport.scale;
    }
  if (!self->placed)
    place_initially (self);
  clamp_viewport (self);
  sync_adjustments (self);
}

/* Pango markup for a card's tooltip: id and label, the full primary quote,
 * and where each anchor lies in its transcript. */
/* @show_codes FALSE in the flowchart: codes are theory, still bracketed. */
static char *
tooltip_markup (const KtsMapCard *card, gboolean show_codes)
{
  g_autoptr (GString) markup = g_string_new (NULL);
  g_autofree char *head = NULL;
  g_autofree char *quote = NULL;
  const char      *ident = kts_move_get_ident (card->move);
  const char      *label = kts_move_get_label (card->move);
  GPtrArray       *anchors;

  head = g_markup_printf_escaped ("<b>%s%s%s</b>", ident != NULL ? ident : "",
                                  ident != NULL ? " · " : "", label != NULL ? label : "");
  g_string_append (markup, head);

  quote = kts_move_dup_primary_quote (card->move);
  if (quote != NULL && *quote != '\0')
    {
      g_autofree char *q = g_markup_printf_escaped ("\n<i>“%s”</i>", quote);
      g_string_append (markup, q);
    }

  anchors = kts_move_get_anchors (card->move);
  for (guint i = 0; anchors != NULL && i < anchors->len; i++)
    {
      KtsCoding       *coding = g_ptr_array_index (anchors, i);
      KtsDocument     *document = kts_coding_get_document (coding);
      KtsCode         *code = kts_coding_get_code (coding);
      const char      *code_name = code != NULL
                                       ? (kts_code_get_key (code) != NULL ? kts_code_get_key (code)
                                                                          : kts_code_get_name (code))
                                       : "";
      g_autofree char *line = NULL;
      int              turn;

      if (document == NULL)
        continue;
      turn = kts_document_find_turn (document, kts_coding_get_start (coding));
      if (turn >= 0)
        {
          const KtsTurn *t = kts_document_get_turn (document, turn);
          const char    *speaker
              = t->speaker >= 0 ? kts_document_get_speaker (document, t->speaker)->label : NULL;

          if (!show_codes)
            line = speaker != NULL
                       /* Translators: an anchor in a tooltip: document, turn
                        * number, speaker. */
                       ? g_markup_printf_escaped (_ ("\n▸ %s, turn %d, %s"),
                                                  kts_document_get_title (document), turn + 1,
                                                  speaker)
                       : g_markup_printf_escaped (_ ("\n▸ %s, turn %d"),
                                                  kts_document_get_title (document), turn + 1);
          else if (speaker != NULL)
            /* Translators: an anchor in a tooltip: document, turn number,
             * speaker, code. */
            line = g_markup_printf_escaped (_ ("\n▸ %s, turn %d, %s · <small>%s</small>"),
                                            kts_document_get_title (document), turn + 1, speaker,
                                            code_name);
          else
            line = g_markup_printf_escaped (_ ("\n▸ %s, turn %d · <small>%s</small>"),
                                            kts_document_get_title (document), turn + 1, code_name);
        }
      else
        line = g_markup_printf_escaped (_ ("\n▸ %s, characters %u–%u · <small>%s</small>"),
                                        kts_document_get_title (document),
                                        kts_coding_get_start (coding), kts_coding_get_end (coding),
                                        show_codes ? code_name : "");
      g_string_append (markup, line);
    }
  if (anchors == NULL || anchors->len == 0)
    g_string_append_printf (markup, "\n<small>%s</small>", _ ("No transcript anchor yet"));
  if (kts_move_get_attribution_doubt (card->move) != NULL
      && *kts_move_get_attribution_doubt (card->move) != '\0')
    {
      /* Translators: a move whose case attribution is uncertain, and why. */
      g_autofree char *doubt
          = g_markup_printf_escaped (_ ("\n<small>? Case attribution uncertain: %s</small>"),
                                     kts_move_get_attribution_doubt (card->move));
      g_string_append (markup, doubt);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

char *
kts_map_canvas_test_tooltip (KtsMapCanvas *self, double x, double y)
{
  int index;

  g_return_val_if_fail (KTS_IS_MAP_CANVAS (self), NULL);

  index = hit_card (self, x, y);
  if (index < 0)
    return NULL;
  return tooltip_markup (card_at (kts_map_canvas_get_layout (self), index),
                         kts_map_arrangement_shows_theory (self->arrangement));
}

static gboolean
kts_map_canvas_query_tooltip (
    GtkWidget *widget, int x, int y, gboolean keyboard_mode, GtkTooltip *tooltip)
{
  KtsMapCanvas     *self = KTS_MAP_CANVAS (widget);
  KtsMapLayout     *layout = kts_map_canvas_get_layout (self);
  int               index;
  const KtsMapCard *card;
  g_autofree char  *markup = NULL;
  double            x0, y0, x1, y1;

  if (layout == NULL || self->drag_mode != DRAG_NONE)
    return FALSE;
  index = keyboard_mode ? cursor_card (self) : hit_card (self, x, y);
  if (index < 0)
    return FALSE;
  card = card_at (layout, index);

  markup = tooltip_markup (card, kts_map_arrangement_shows_theory (self->arrangement));
  gtk_tooltip_set_markup (tooltip, markup);
  kts_map_viewport_to_view (&self->viewport, card->x, card->y, &x0, &y0);
  kts_map_viewport_to_view (&self->viewport, card->x + card->width, card->y + card->height, &x1,
                            &y1);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle){ (int)floor (x0), (int)floor (y0),
                                                      (int)ceil (x1 - x0), (int)ceil (y1 - y0) });
  return TRUE;
}

static gboolean
kts_map_canvas_focus (GtkWidget *widget, GtkDirectionType direction)
{
  KtsMapCanvas *self = KTS_MAP_CANVAS (widget);

  /* Tab moves focus in and out; arrows move within (see the bindings). */
  if (!gtk_widget_is_focus (widget))
    {
      gtk_widget_grab_focus (widget);
      gtk_widget_queue_draw (widget);
      (void)self;
      return TRUE;
    }
  return FALSE;
}

static void
kts_map_canvas_state_flags_changed (GtkWidget *widget, GtkStateFlags previous)
{
  if ((previous ^ gtk_widget_get_state_flags (widget))
      & (GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUSED))
    gtk_widget_queue_draw (widget);
  GTK_WIDGET_CLASS (kts_map_canvas_parent_class)->state_flags_changed (widget, previous);
}

/* ---- GObject
 * ------------------------------------------------------------------------------------------- */

static void
kts_map_canvas_dispose (GObject *object)
{
  KtsMapCanvas *self = KTS_MAP_CANVAS (object);

  disconnect_model (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  if (self->style_handler != 0 && adw_is_initialized ())
    g_clear_signal_handler (&self->style_handler, adw_style_manager_get_default ());
  drag_preview_restore (self);
  g_clear_pointer (&self->painter, kts_map_painter_free);
  g_clear_object (&self->episode);
  g_clear_object (&self->project);
  if (self->selection != NULL)
    g_ptr_array_set_size (self->selection, 0);
  g_clear_object (&self->selected_edge);
  g_clear_pointer (&self->press_selection, g_ptr_array_unref);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (kts_map_canvas_parent_class)->dispose (object);
}

static void
kts_map_canvas_finalize (GObject *object)
{
  KtsMapCanvas *self = KTS_MAP_CANVAS (object);

  g_ptr_array_unref (self->selection);
  g_ptr_array_unref (self->watched);

  G_OBJECT_CLASS (kts_map_canvas_parent_class)->finalize (object);
}

static void
kts_map_canvas_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsMapCanvas *self = KTS_MAP_CANVAS (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_EPISODE:
      g_value_set_object (value, self->episode);
      break;
    case PROP_ARRANGEMENT:
      g_value_set_int (value, self->arrangement);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, kts_map_canvas_get_zoom (self));
      break;
    case PROP_SELECTION:
      g_value_take_boxed (value, kts_map_canvas_get_selected_moves (self));
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_map_canvas_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KtsMapCanvas *self = KTS_MAP_CANVAS (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      kts_map_canvas_set_episode (self, g_value_get_object (value), self->episode);
      break;
    case PROP_EPISODE:
      kts_map_canvas_set_episode (self, self->project, g_value_get_object (value));
      break;
    case PROP_ARRANGEMENT:
      kts_map_canvas_set_arrangement (self, g_value_get_int (value));
      break;
    case PROP_ZOOM:
      kts_map_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value), PROP_HADJUSTMENT);
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value), PROP_VADJUSTMENT);
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint)g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint)g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
kts_map_canvas_get_border (GtkScrollable *scrollable, GtkBorder *border)
{
  return FALSE;
}

static void
kts_map_canvas_scrollable_init (GtkScrollableInterface *iface)
{
  iface->get_border = kts_map_canvas_get_border;
}

static void
add_nav_bindings (GtkWidgetClass *widget_class, guint key, guint keypad_key, Nav nav)
{
  guint keys[2] = { key, keypad_key };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gtk_widget_class_add_binding (widget_class, keys[i], 0, navigate_binding_cb, "(ib)", nav,
                                    FALSE);
      gtk_widget_class_add_binding (widget_class, keys[i], GDK_SHIFT_MASK, navigate_binding_cb,
                                    "(ib)", nav, TRUE);
    }
}

static void
kts_map_canvas_class_init (KtsMapCanvasClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_map_canvas_dispose;
  object_class->finalize = kts_map_canvas_finalize;
  object_class->get_property = kts_map_canvas_get_property;
  object_class->set_property = kts_map_canvas_set_property;

  widget_class->snapshot = kts_map_canvas_snapshot;
  widget_class->measure = kts_map_canvas_measure;
  widget_class->size_allocate = kts_map_canvas_size_allocate;
  widget_class->query_tooltip = kts_map_canvas_query_tooltip;
  widget_class->focus = kts_map_canvas_focus;
  widget_class->state_flags_changed = kts_map_canvas_state_flags_changed;

  properties[PROP_PROJECT]
      = g_param_spec_object ("project", NULL, NULL, KTS_TYPE_PROJECT,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EPISODE]
      = g_param_spec_object ("episode", NULL, NULL, KTS_TYPE_EPISODE,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARRANGEMENT]
      = g_param_spec_int ("arrangement", NULL, NULL, KTS_MAP_ARRANGEMENT_SURFACE,
                          KTS_MAP_ARRANGEMENT_FLOWCHART, KTS_MAP_ARRANGEMENT_SURFACE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] = g_param_spec_double (
      "zoom", NULL, NULL, KTS_MAP_VIEWPORT_MIN_SCALE / KTS_MAP_CANVAS_PIXELS_PER_POINT,
      KTS_MAP_VIEWPORT_MAX_SCALE / KTS_MAP_CANVAS_PIXELS_PER_POINT, 1.0,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION]
      = g_param_spec_boxed ("selection", NULL, NULL, G_TYPE_PTR_ARRAY,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[SELECTION_CHANGED]
      = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 0);
  signals[ANCHOR_ACTIVATED]
      = g_signal_new ("anchor-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, KTS_TYPE_CODING);
  signals[MOVE_ACTIVATED]
      = g_signal_new ("move-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, KTS_TYPE_MOVE);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.relayout", NULL, relayout_action);
  gtk_widget_class_install_action (widget_class, "map.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "map.add-move", NULL, add_move_action);
  gtk_widget_class_install_action (widget_class, "map.connect", "s", connect_action);
  gtk_widget_class_install_action (widget_class, "map.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "map.select-previous", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "map.select-next", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "map.select-above", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "map.select-below", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "map.select-first", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "map.select-last", NULL, navigate_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "map.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "map.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "map.zoom-reset",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "map.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_9, GDK_CONTROL_MASK, "map.zoom-fit",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "map.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_SHIFT_MASK, "map.zoom-fit",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "map.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "map.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0, "map.add-move", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "map.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "map.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "map.activate", NULL);

  add_nav_bindings (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, NAV_PREVIOUS);
  add_nav_bindings (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, NAV_NEXT);
  add_nav_bindings (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, NAV_ABOVE);
  add_nav_bindings (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, NAV_BELOW);
  add_nav_bindings (widget_class, GDK_KEY_Home, GDK_KEY_KP_Home, NAV_FIRST);
  add_nav_bindings (widget_class, GDK_KEY_End, GDK_KEY_KP_End, NAV_LAST);

  gtk_widget_class_set_css_name (widget_class, "kts-map-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kts_map_canvas_init (KtsMapCanvas *self)
{
  GtkWidget          *widget = GTK_WIDGET (self);
  GtkGesture         *drag, *middle, *click, *zoom;
  GtkEventController *scroll_controller, *motion_controller;

  self->selection = g_ptr_array_new_with_free_func (g_object_unref);
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->arrangement = KTS_MAP_ARRANGEMENT_SURFACE;
  self->cursor_lane = KTS_N_LANES;
  kts_map_viewport_init (&self->viewport);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (widget, TRUE);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  middle = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (middle), GDK_BUTTON_MIDDLE);
  g_signal_connect (middle, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (middle, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (middle, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (middle, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (middle));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (zoom));

  scroll_controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll_controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, scroll_controller);

  motion_controller = gtk_event_controller_motion_new ();
  g_signal_connect (motion_controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion_controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion_controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, motion_controller);

  set_adjustment (self, &self->hadjustment, NULL, PROP_HADJUSTMENT);
  set_adjustment (self, &self->vadjustment, NULL, PROP_VADJUSTMENT);

  if (adw_is_initialized ())
    {
      AdwStyleManager *manager = adw_style_manager_get_default ();

      self->dark = adw_style_manager_get_dark (manager);
      self->style_handler
          = g_signal_connect (manager, "notify::dark", G_CALLBACK (style_dark_cb), self);
    }

  update_actions (self);
  update_accessible (self);
}

GtkWidget *
kts_map_canvas_new (void)
{
  return g_object_new (KTS_TYPE_MAP_CANVAS, NULL);
}
