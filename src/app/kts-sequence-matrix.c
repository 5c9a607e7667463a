/* kts-sequence-matrix.c: a lag-1 transition matrix drawn as a heatmap of adjusted residuals.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-sequence-matrix"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "kts-sequence-matrix.h"

#define PAD 12
#define CELL_W 76
#define CELL_H 48
#define TOTAL_W 56
#define MAX_LABEL_W 220
#define MAX_HEADER_W 190
#define LEGEND_H 40
#define Z_CRITICAL 1.96
#define Z_FULL 4.0 /* |z| at which the tint is strongest */
#define CORNER_TEXT N_ ("given ↓   then →")

struct _KtsSequenceMatrix
{
  GtkWidget parent_instance;

  KtsTransitions *t;
  GskRenderNode  *table; /* drawn once, see draw_table() */
  int             cursor;
  int             hover;

  /* geometry, from the labels */
  int label_w;
  int header_h;
  int header_extent; /* how far the last column's label reaches right */
  int legend_w;
};

G_DEFINE_FINAL_TYPE (KtsSequenceMatrix, kts_sequence_matrix, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CURSOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
n_states (KtsSequenceMatrix *self)
{
  return self->t != NULL ? self->t->n_states : 0;
}

static gboolean
significant (double z)
{
  return !isnan (z) && fabs (z) >= Z_CRITICAL;
}

static PangoLayout *
make_layout (KtsSequenceMatrix *self, const char *text, gboolean bold, double scale)
{
  PangoLayout   *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static int draw_legend (KtsSequenceMatrix *self,
                        GtkSnapshot       *snapshot,
                        float              x,
                        float              y,
                        const GdkRGBA     *fg,
                        gboolean           dark);

static void
compute_geometry (KtsSequenceMatrix *self)
{
  guint n = n_states (self);
  int   widest = 0, text_h = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PangoLayout) layout = make_layout (self, self->t->labels[i], FALSE, 1.0);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      widest = MAX (widest, w);
      text_h = MAX (text_h, h);
    }
  self->label_w = MIN (widest, MAX_LABEL_W) + PAD;
  /* Room for the corner's reading hint too. */
  {
    g_autoptr (PangoLayout) corner = make_layout (self, _ (CORNER_TEXT), FALSE, 0.85);
    int w;
    pango_layout_get_pixel_size (corner, &w, NULL);
    self->label_w = MAX (self->label_w, w + PAD);
  }
  /* Column labels run up and to the right at 45°. */
  self->header_h = (int)(MIN (widest, MAX_HEADER_W) * G_SQRT2 / 2 + text_h) + PAD;
  self->header_extent = (int)(MIN (widest, MAX_HEADER_W) * G_SQRT2 / 2 + text_h);
  self->legend_w = draw_legend (self, NULL, 0, 0, &(GdkRGBA){ 0, 0, 0, 1 }, FALSE);
}

static void
origin (KtsSequenceMatrix *self, int *x, int *y)
{
  *x = PAD + self->label_w;
  *y = PAD + self->header_h;
}

static void
kts_sequence_matrix_measure (GtkWidget     *widget,
                             GtkOrientation orientation,
                             int            for_size,
                             int           *minimum,
                             int           *natural,
                             int           *minimum_baseline,
                             int           *natural_baseline)
{
  KtsSequenceMatrix *self = KTS_SEQUENCE_MATRIX (widget);
  guint              n = n_states (self);
  int                ox, oy;

  origin (self, &ox, &oy);
  if (n == 0)
    *minimum = *natural = 0;
  else if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = MAX (MAX (ox + (int)n * CELL_W + TOTAL_W,
                                    ox + (int)(n - 1) * CELL_W + CELL_W / 2 + self->header_extent),
                               ox + self->legend_w)
                          + PAD;
  else
    *minimum = *natural = oy + (int)n * CELL_H + CELL_H / 2 + LEGEND_H + PAD;
}

/* ---- colours ------------------------------------------------------------------------ */

static void
tint (double z, gboolean dark, GdkRGBA *color)
{
  double strength = MIN (fabs (z), Z_FULL) / Z_FULL;

  /* A red–blue diverging scale, lighter hues on dark backgrounds. */
  if (z >= 0)
    *color = dark ? (GdkRGBA){ 0.96f, 0.38f, 0.32f, 1 } : (GdkRGBA){ 0.82f, 0.16f, 0.12f, 1 };
  else
    *color = dark ? (GdkRGBA){ 0.38f, 0.63f, 0.94f, 1 } : (GdkRGBA){ 0.11f, 0.44f, 0.85f, 1 };
  color->alpha = (float)(0.08 + 0.62 * strength);
}

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
fill_rect (GtkSnapshot *snapshot, const GdkRGBA *color, float x, float y, float w, float h, float r)
{
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, w, h), r);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, color, &rect.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
outline_rect (GtkSnapshot   *snapshot,
              const GdkRGBA *color,
              float          x,
              float          y,
              float          w,
              float          h,
              float          r,
              float          width)
{
  GskRoundedRect rect;
  float          widths[4] = { width, width, width, width };
  GdkRGBA        colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, w, h), r);
  gtk_snapshot_append_border (snapshot, &rect, widths, colors);
}

static void
draw_layout (GtkSnapshot *snapshot, PangoLayout *layout, float x, float y, const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* ---- drawing -------------------------------------------------------------------------- */

static void
draw_cell (KtsSequenceMatrix *self,
           GtkSnapshot       *snapshot,
           guint              i,
           guint              j,
           float              x,
           float              y,
           const GdkRGBA     *fg,
           gboolean           dark)
{
  guint            n = self->t->n_states;
  guint            c = i * n + j;
  guint            count = self->t->counts[c];
  double           z = self->t->residual[c];
  gboolean         sig = significant (z);
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  g_autofree char *z_text = isnan (z) ? g_strdup ("z –") : g_strdup_printf ("z %+.1f", z);
  g_autoptr (PangoLayout) count_layout = make_layout (self, count_text, sig, 1.05);
  g_autoptr (PangoLayout) z_layout = make_layout (self, z_text, sig, 0.78);
  GdkRGBA color = *fg;
  int     cw, ch, zw, zh;

  if (!isnan (z))
    {
      GdkRGBA fill;
      tint (z, dark, &fill);
      fill_rect (snapshot, &fill, x + 1, y + 1, CELL_W - 2, CELL_H - 2, 4);
    }
  else
    {
      GdkRGBA line = *fg;
      line.alpha = 0.10f;
      outline_rect (snapshot, &line, x + 1, y + 1, CELL_W - 2, CELL_H - 2, 4, 1);
    }

  pango_layout_get_pixel_size (count_layout, &cw, &ch);
  pango_layout_get_pixel_size (z_layout, &zw, &zh);
  if (count == 0)
    color.alpha *= 0.45f;
  draw_layout (snapshot, count_layout, x + (CELL_W - cw) / 2.f, y + (CELL_H - ch - zh) / 2.f,
               &color);
  color = *fg;
  color.alpha *= sig ? 0.95f : 0.6f;
  draw_layout (snapshot, z_layout, x + (CELL_W - zw) / 2.f, y + (CELL_H - ch - zh) / 2.f + ch,
               &color);

  if (sig)
    {
      GdkRGBA dot = *fg;
      fill_rect (snapshot, &dot, x + CELL_W - 11, y + 5, 6, 6, 3);
    }
}

#define LEGEND_DOT_TEXT                                                                            \
  N_ ("bold with a dot: |z| ≥ 1.96 (5 % level, if transitions were independent)")

/* Draws the legend at (@x, @y), or only measures it when @snapshot is NULL;
 * returns its width. */
static int
draw_legend (KtsSequenceMatrix *self,
             GtkSnapshot       *snapshot,
             float              x,
             float              y,
             const GdkRGBA     *fg,
             gboolean           dark)
{
  const struct
  {
    double      z;
    const char *text;
  } items[] = {
    { -3.5, N_ ("less often than chance") },
    { 3.5, N_ ("more often than chance") },
  };
  float   x0 = x;
  GdkRGBA dim = *fg;

  dim.alpha *= 0.75f;
  for (guint k = 0; k < G_N_ELEMENTS (items); k++)
    {
      g_autoptr (PangoLayout) layout = make_layout (self, _ (items[k].text), FALSE, 0.9);
      GdkRGBA fill;
      int     w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      if (snapshot != NULL)
        {
          tint (items[k].z * 0.5, dark, &fill);
          fill_rect (snapshot, &fill, x, y + 3, 14, 14, 3);
          tint (items[k].z, dark, &fill);
          fill_rect (snapshot, &fill, x + 16, y + 3, 14, 14, 3);
          draw_layout (snapshot, layout, x + 36, y + 10 - h / 2.f, &dim);
        }
      x += 36 + w + 24;
    }
  {
    g_autoptr (PangoLayout) layout = make_layout (self, _ (LEGEND_DOT_TEXT), FALSE, 0.9);
    int w, h;

    pango_layout_get_pixel_size (layout, &w, &h);
    if (snapshot != NULL)
      {
        fill_rect (snapshot, fg, x + 4, y + 7, 6, 6, 3);
        draw_layout (snapshot, layout, x + 18, y + 10 - h / 2.f, &dim);
      }
    x += 18 + w;
  }
  return (int)(x - x0);
}

/* Labels, cells, totals and legend: everything but the pointer and the
 * cursor. A big matrix has thousands of cells, so this is drawn once into a
 * render node and replayed until the data or the style change. */
static GskRenderNode *
draw_table (KtsSequenceMatrix *self)
{
  GtkWidget   *widget = GTK_WIDGET (self);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  guint        n = n_states (self);
  gboolean     dark = is_dark ();
  GdkRGBA      fg, dim;
  int          ox, oy;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  dim = fg;
  dim.alpha *= 0.6f;
  origin (self, &ox, &oy);

  /* The corner says how to read the table. */
  {
    g_autoptr (PangoLayout) layout = make_layout (self, _ (CORNER_TEXT), FALSE, 0.85);
    int w, h;
    pango_layout_get_pixel_size (layout, &w, &h);
    draw_layout (snapshot, layout, ox - w - 8, oy - h - 6, &dim);
  }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PangoLayout) row = make_layout (self, self->t->labels[i], FALSE, 1.0);
      g_autoptr (PangoLayout) column = make_layout (self, self->t->labels[i], FALSE, 1.0);
      int w, h;

      /* Row label, right-aligned against the grid. */
      pango_layout_set_width (row, (self->label_w - PAD) * PANGO_SCALE);
      pango_layout_set_ellipsize (row, PANGO_ELLIPSIZE_MIDDLE);
      pango_layout_set_alignment (row, PANGO_ALIGN_RIGHT);
      pango_layout_get_pixel_size (row, &w, &h);
      draw_layout (snapshot, row, PAD, oy + i * CELL_H + (CELL_H - h) / 2.f, &fg);

      /* Column label, rising from the column's centre. */
      pango_layout_set_width (column, MAX_HEADER_W * PANGO_SCALE);
      pango_layout_set_ellipsize (column, PANGO_ELLIPSIZE_MIDDLE);
      pango_layout_get_pixel_size (column, &w, &h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (ox + i * CELL_W + CELL_W / 2.f, oy - 8));
      gtk_snapshot_rotate (snapshot, -45);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, -h));
      gtk_snapshot_append_layout (snapshot, column, &fg);
      gtk_snapshot_restore (snapshot);
    }

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      draw_cell (self, snapshot, i, j, ox + j * CELL_W, oy + i * CELL_H, &fg, dark);

  /* Row totals on the right, column totals below. */
  {
    g_autoptr (PangoLayout) head = make_layout (self, "n", TRUE, 0.85);
    int w, h;
    pango_layout_get_pixel_size (head, &w, &h);
    draw_layout (snapshot, head, ox + n * CELL_W + (TOTAL_W - w) / 2.f, oy - h - 6, &dim);
  }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *row_text = g_strdup_printf ("%u", self->t->row_totals[i]);
      g_autofree char *column_text = g_strdup_printf ("%u", self->t->column_totals[i]);
      g_autoptr (PangoLayout) row = make_layout (self, row_text, FALSE, 0.9);
      g_autoptr (PangoLayout) column = make_layout (self, column_text, FALSE, 0.9);
      int w, h;

      pango_layout_get_pixel_size (row, &w, &h);
      draw_layout (snapshot, row, ox + n * CELL_W + (TOTAL_W - w) / 2.f,
                   oy + i * CELL_H + (CELL_H - h) / 2.f, &dim);
      pango_layout_get_pixel_size (column, &w, &h);
      draw_layout (snapshot, column, ox + i * CELL_W + (CELL_W - w) / 2.f,
                   oy + n * CELL_H + (CELL_H / 2.f - h) / 2.f, &dim);
    }

  draw_legend (self, snapshot, ox, oy + n * CELL_H + CELL_H / 2.f + 12, &fg, dark);
  return gtk_snapshot_free_to_node (snapshot);
}

static void
kts_sequence_matrix_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  KtsSequenceMatrix *self = KTS_SEQUENCE_MATRIX (widget);
  guint              n = n_states (self);
  GdkRGBA            fg, accent;
  int                ox, oy;

  if (n == 0)
    return;
  if (self->table == NULL)
    self->table = draw_table (self);
  if (self->table != NULL)
    gtk_snapshot_append_node (snapshot, self->table);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color",
                                       &accent))
    accent = (GdkRGBA){ 0.21f, 0.52f, 0.89f, 1 };
  origin (self, &ox, &oy);
  if (self->hover >= 0 && (guint)self->hover < n * n)
    {
      GdkRGBA line = fg;
      line.alpha = 0.45f;
      outline_rect (snapshot, &line, ox + (self->hover % n) * CELL_W,
                    oy + (self->hover / n) * CELL_H, CELL_W, CELL_H, 5, 1);
    }
  if (self->cursor >= 0 && (guint)self->cursor < n * n && gtk_widget_has_focus (widget))
    outline_rect (snapshot, &accent, ox + (self->cursor % n) * CELL_W,
                  oy + (self->cursor / n) * CELL_H, CELL_W, CELL_H, 5, 2);
}

/* ---- interaction -------------------------------------------------------------------- */

static int
cell_at (KtsSequenceMatrix *self, double x, double y)
{
  guint n = n_states (self);
  int   ox, oy, i, j;

  origin (self, &ox, &oy);
  if (n == 0 || x < ox || y < oy)
    return -1;
  j = (int)((x - ox) / CELL_W);
  i = (int)((y - oy) / CELL_H);
  if (i >= (int)n || j >= (int)n)
    return -1;
  return i * (int)n + j;
}

char *
kts_sequence_matrix_dup_cell_description (KtsSequenceMatrix *self, guint row, guint column)
{
  const KtsTransitions *t;
  guint                 c;
  GString              *s;
  double                z;

  g_return_val_if_fail (KTS_IS_SEQUENCE_MATRIX (self), NULL);
  g_return_val_if_fail (self->t != NULL, NULL);
  g_return_val_if_fail (row < self->t->n_states && column < self->t->n_states, NULL);

  t = self->t;
  c = row * t->n_states + column;
  z = t->residual[c];
  s = g_string_new (NULL);
  /* Translators: "“T·SD” then “C·REL”" */
  g_string_append_printf (s, _ ("“%s” then “%s”"), t->labels[row], t->labels[column]);
  g_string_append_c (s, '\n');
  g_string_append_printf (s, _ ("n = %u of the %u transitions from “%s”"), t->counts[c],
                          t->row_totals[row], t->labels[row]);
  if (!isnan (t->probability[c]))
    g_string_append_printf (s, _ (" (p = %.2f)"), t->probability[c]);
  g_string_append_c (s, '\n');
  g_string_append_printf (s, _ ("expected by chance: %.1f"), t->expected[c]);
  g_string_append_c (s, '\n');
  if (isnan (z))
    g_string_append (s, _ ("adjusted residual z: undefined"));
  else if (significant (z))
    g_string_append_printf (
        s, z > 0 ? _ ("z = %.2f: more often than chance") : _ ("z = %.2f: less often than chance"),
        z);
  else
    g_string_append_printf (s, _ ("z = %.2f: within chance"), z);
  g_string_append_c (s, '\n');
  if (isnan (t->yules_q[c]))
    g_string_append (s, _ ("Yule’s Q: undefined"));
  else
    g_string_append_printf (s, _ ("Yule’s Q = %.2f"), t->yules_q[c]);
  return g_string_free (s, FALSE);
}

static gboolean
kts_sequence_matrix_query_tooltip (
    GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  KtsSequenceMatrix *self = KTS_SEQUENCE_MATRIX (widget);
  int                cell = keyboard ? self->cursor : cell_at (self, x, y);
  g_autofree char   *text = NULL;
  int                ox, oy;
  guint              n = n_states (self);

  if (cell < 0)
    return FALSE;
  origin (self, &ox, &oy);
  text = kts_sequence_matrix_dup_cell_description (self, (guint)cell / n, (guint)cell % n);
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip,
                            &(GdkRectangle){ ox + (cell % (int)n) * CELL_W,
                                             oy + (cell / (int)n) * CELL_H, CELL_W, CELL_H });
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller, double x, double y, KtsSequenceMatrix *self)
{
  int cell = cell_at (self, x, y);

  if (cell != self->hover)
    {
      self->hover = cell;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller, KtsSequenceMatrix *self)
{
  if (self->hover != -1)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, KtsSequenceMatrix *self)
{
  int cell = cell_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (cell >= 0)
    kts_sequence_matrix_set_cursor (self, cell);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KtsSequenceMatrix     *self)
{
  int n = (int)n_states (self);
  int i, j;

  if (n == 0)
    return FALSE;
  i = self->cursor >= 0 ? self->cursor / n : 0;
  j = self->cursor >= 0 ? self->cursor % n : 0;
  if (self->cursor >= 0)
    switch (keyval)
      {
      case GDK_KEY_Left:
      case GDK_KEY_KP_Left:
        j = MAX (0, j - 1);
        break;
      case GDK_KEY_Right:
      case GDK_KEY_KP_Right:
        j = MIN (n - 1, j + 1);
        break;
      case GDK_KEY_Up:
      case GDK_KEY_KP_Up:
        i = MAX (0, i - 1);
        break;
      case GDK_KEY_Down:
      case GDK_KEY_KP_Down:
        i = MIN (n - 1, i + 1);
        break;
      case GDK_KEY_Home:
        j = 0;
        break;
      case GDK_KEY_End:
        j = n - 1;
        break;
      default:
        return FALSE;
      }
  else if (keyval != GDK_KEY_Left && keyval != GDK_KEY_Right && keyval != GDK_KEY_Up
           && keyval != GDK_KEY_Down && keyval != GDK_KEY_Home && keyval != GDK_KEY_End)
    return FALSE;
  kts_sequence_matrix_set_cursor (self, i * n + j);
  return TRUE;
}

static void
focus_changed_cb (KtsSequenceMatrix *self)
{
  if (gtk_widget_has_focus (GTK_WIDGET (self)) && self->cursor < 0 && n_states (self) > 0)
    kts_sequence_matrix_set_cursor (self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- GObject -------------------------------------------------------------------- */

static void
kts_sequence_matrix_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (kts_sequence_matrix_parent_class)->css_changed (widget, change);
  g_clear_pointer (&KTS_SEQUENCE_MATRIX (widget)->table, gsk_render_node_unref);
  compute_geometry (KTS_SEQUENCE_MATRIX (widget));
  gtk_widget_queue_resize (widget);
}

static void
kts_sequence_matrix_finalize (GObject *object)
{
  KtsSequenceMatrix *self = KTS_SEQUENCE_MATRIX (object);

  g_clear_pointer (&self->t, kts_transitions_free);
  g_clear_pointer (&self->table, gsk_render_node_unref);
  G_OBJECT_CLASS (kts_sequence_matrix_parent_class)->finalize (object);
}

static void
kts_sequence_matrix_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsSequenceMatrix *self = KTS_SEQUENCE_MATRIX (object);

  switch (prop_id)
    {
    case PROP_CURSOR:
      g_value_set_int (value, self->cursor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_sequence_matrix_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KtsSequenceMatrix *self = KTS_SEQUENCE_MATRIX (object);

  switch (prop_id)
    {
    case PROP_CURSOR:
      kts_sequence_matrix_set_cursor (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_sequence_matrix_class_init (KtsSequenceMatrixClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kts_sequence_matrix_finalize;
  object_class->get_property = kts_sequence_matrix_get_property;
  object_class->set_property = kts_sequence_matrix_set_property;
  widget_class->measure = kts_sequence_matrix_measure;
  widget_class->snapshot = kts_sequence_matrix_snapshot;
  widget_class->query_tooltip = kts_sequence_matrix_query_tooltip;
  widget_class->css_changed = kts_sequence_matrix_css_changed;

  properties[PROP_CURSOR]
      = g_param_spec_int ("cursor", NULL, NULL, -1, G_MAXINT, -1,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sequencematrix");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kts_sequence_matrix_init (KtsSequenceMatrix *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture         *click = gtk_gesture_click_new ();

  self->cursor = -1;
  self->hover = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (self, "notify::has-focus", G_CALLBACK (focus_changed_cb), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Transition matrix"), -1);
}

GtkWidget *
kts_sequence_matrix_new (void)
{
  return g_object_new (KTS_TYPE_SEQUENCE_MATRIX, NULL);
}

void
kts_sequence_matrix_set_transitions (KtsSequenceMatrix *self, KtsTransitions *transitions)
{
  g_return_if_fail (KTS_IS_SEQUENCE_MATRIX (self));

  if (self->t == transitions)
    return;
  g_clear_pointer (&self->t, kts_transitions_free);
  g_clear_pointer (&self->table, gsk_render_node_unref);
  self->t = transitions;
  self->hover = -1;
  compute_geometry (self);
  kts_sequence_matrix_set_cursor (self, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const KtsTransitions *
kts_sequence_matrix_get_transitions (KtsSequenceMatrix *self)
{
  g_return_val_if_fail (KTS_IS_SEQUENCE_MATRIX (self), NULL);
  return self->t;
}

int
kts_sequence_matrix_get_cursor (KtsSequenceMatrix *self)
{
  g_return_val_if_fail (KTS_IS_SEQUENCE_MATRIX (self), -1);
  return self->cursor;
}

void
kts_sequence_matrix_set_cursor (KtsSequenceMatrix *self, int cursor)
{
  guint n;

  g_return_if_fail (KTS_IS_SEQUENCE_MATRIX (self));

  n = n_states (self);
  if (cursor < -1 || cursor >= (int)(n * n))
    cursor = -1;
  if (self->cursor == cursor)
    return;
  self->cursor = cursor;
  if (cursor >= 0)
    {
      g_autofree char *text
          = kts_sequence_matrix_dup_cell_description (self, (guint)cursor / n, (guint)cursor % n);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      text, -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR]);
}
