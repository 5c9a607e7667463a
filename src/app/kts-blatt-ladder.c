/* kts-blatt-ladder.c: one of Blatt's two lists (self-definition or relatedness) as a vertical
 * scale. SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-blatt-ladder"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-blatt-ladder.h"
#include "kts-color-swatch.h"

struct _KtsBlattLadder
{
  GtkWidget parent_instance;

  KtsDimension dimension;
  GtkWidget   *box;
  GtkWidget   *rungs_box;
  GPtrArray   *marks; /* GtkWidget*: the rank circles, NULL where the scale breaks */
};

G_DEFINE_FINAL_TYPE (KtsBlattLadder, kts_blatt_ladder, GTK_TYPE_WIDGET)

static int
rank_compare (gconstpointer a, gconstpointer b)
{
  KtsCode *ca = *(KtsCode **)a;
  KtsCode *cb = *(KtsCode **)b;

  return kts_code_get_blatt_rank (ca) - kts_code_get_blatt_rank (cb);
}

static GtkWidget *
label_new (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
band_header (const char *title, int first, int last)
{
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget       *name = label_new (title, "ladder-band-title");
  g_autofree char *range = first == last ? g_strdup_printf (_ ("rank %d"), first)
                                         : g_strdup_printf (_ ("ranks %d–%d"), first, last);
  GtkWidget       *ranks = label_new (range, "caption");

  gtk_widget_add_css_class (box, "ladder-band");
  gtk_widget_add_css_class (ranks, "dim-label");
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), ranks);
  return box;
}

static GtkWidget *
rung_new (KtsBlattLadder *self, KtsProject *project, KtsCode *code, gboolean current)
{
  GtkWidget       *button = gtk_button_new ();
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  g_autofree char *rank_text = g_strdup_printf ("%d", kts_code_get_blatt_rank (code));
  GtkWidget       *rank = gtk_label_new (rank_text);
  GtkWidget       *name = label_new (kts_code_get_name (code), NULL);
  guint            n = kts_project_count_visible_codings (project, code);
  g_autofree char *a11y = NULL;
  const char *band = kts_code_get_maturity (code) == KTS_MATURITY_MORE_MATURE ? _ ("more mature")
                                                                              : _ ("less mature");

  gtk_widget_add_css_class (rank, "rung-rank");
  gtk_widget_set_valign (rank, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), rank);
  gtk_box_append (GTK_BOX (box), kts_color_swatch_new (kts_code_get_color (code)));
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  if (n > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", n);
      GtkWidget       *count_label = label_new (count, "rung-count");
      g_autofree char *tip
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coding in this project",
                                          "%u codings in this project", n),
                             n);

      gtk_widget_add_css_class (count_label, "dim-label");
      gtk_widget_set_tooltip_text (count_label, tip);
      gtk_box_append (GTK_BOX (box), count_label);
    }

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "ladder-rung");
  gtk_widget_add_css_class (button, kts_code_get_maturity (code) == KTS_MATURITY_MORE_MATURE
                                        ? "more-mature"
                                        : "less-mature");
  if (current)
    gtk_widget_add_css_class (button, "current");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "codebook-view.show-code");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                    kts_item_get_guid (KTS_ITEM (code)));
  gtk_widget_set_tooltip_text (button, kts_code_get_key (code));
  /* Translators: "2. Autonomy, less mature" for a rung of Blatt's ladder */
  a11y = g_strdup_printf (_ ("%d. %s, %s"), kts_code_get_blatt_rank (code),
                          kts_code_get_name (code), band);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_ptr_array_add (self->marks, rank);
  return button;
}

guint
kts_blatt_ladder_update (KtsBlattLadder *self, KtsProject *project, KtsCode *current)
{
  g_autoptr (GPtrArray) codes = NULL;
  g_autoptr (GPtrArray) all = NULL;
  GtkWidget *child;
  guint      n_less = 0;

  g_return_val_if_fail (KTS_IS_BLATT_LADDER (self), 0);
  g_return_val_if_fail (KTS_IS_PROJECT (project), 0);

  while ((child = gtk_widget_get_first_child (self->rungs_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->rungs_box), child);
  g_ptr_array_set_size (self->marks, 0);

  all = kts_codebook_list_codes (kts_project_get_codebook (project));
  codes = g_ptr_array_new ();
  for (guint i = 0; i < all->len; i++)
    {
      KtsCode *code = g_ptr_array_index (all, i);

      if (kts_code_get_dimension (code) == self->dimension && kts_code_get_blatt_rank (code) > 0)
        g_ptr_array_add (codes, code);
    }
  g_ptr_array_sort (codes, rank_compare);
  for (guint i = 0; i < codes->len; i++)
    if (kts_code_get_maturity (g_ptr_array_index (codes, i)) != KTS_MATURITY_MORE_MATURE)
      n_less = i + 1;

  for (guint i = 0; i < codes->len; i++)
    {
      KtsCode *code = g_ptr_array_index (codes, i);

      if (i == 0 && n_less > 0)
        gtk_box_append (
            GTK_BOX (self->rungs_box),
            band_header (_ ("Less mature"), kts_code_get_blatt_rank (code),
                         kts_code_get_blatt_rank (g_ptr_array_index (codes, n_less - 1))));
      if (i == n_less)
        {
          if (i > 0)
            {
              GtkWidget *cut = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
              GtkWidget *text = label_new (
                  /* Translators: the line on Blatt's ladder between the two bands */
                  _ ("Cut between less and more mature"), "caption");
              GtkWidget *line_a = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
              GtkWidget *line_b = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

              gtk_widget_add_css_class (cut, "ladder-cut");
              gtk_widget_set_valign (line_a, GTK_ALIGN_CENTER);
              gtk_widget_set_valign (line_b, GTK_ALIGN_CENTER);
              gtk_widget_set_hexpand (line_a, TRUE);
              gtk_widget_set_hexpand (line_b, TRUE);
              gtk_label_set_wrap (GTK_LABEL (text), FALSE);
              gtk_box_append (GTK_BOX (cut), line_a);
              gtk_box_append (GTK_BOX (cut), text);
              gtk_box_append (GTK_BOX (cut), line_b);
              gtk_box_append (GTK_BOX (self->rungs_box), cut);
              g_ptr_array_add (self->marks, NULL);
            }
          gtk_box_append (
              GTK_BOX (self->rungs_box),
              band_header (_ ("More mature"), kts_code_get_blatt_rank (code),
                           kts_code_get_blatt_rank (g_ptr_array_index (codes, codes->len - 1))));
        }
      gtk_box_append (GTK_BOX (self->rungs_box), rung_new (self, project, code, code == current));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return codes->len;
}

/* The scale: a line joining the rank circles of each band, drawn in the gaps
 * between them; it breaks at the cut. */
static void
kts_blatt_ladder_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  KtsBlattLadder *self = KTS_BLATT_LADDER (widget);
  GdkRGBA         color;

  GTK_WIDGET_CLASS (kts_blatt_ladder_parent_class)->snapshot (widget, snapshot);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  color.alpha *= 0.3f;
  for (guint i = 0; i + 1 < self->marks->len; i++)
    {
      GtkWidget      *a = g_ptr_array_index (self->marks, i);
      GtkWidget      *b = g_ptr_array_index (self->marks, i + 1);
      graphene_rect_t ra, rb;

      if (a == NULL || b == NULL || !gtk_widget_compute_bounds (a, widget, &ra)
          || !gtk_widget_compute_bounds (b, widget, &rb))
        continue;
      gtk_snapshot_append_color (
          snapshot, &color,
          &GRAPHENE_RECT_INIT (ra.origin.x + ra.size.width / 2 - 1, ra.origin.y + ra.size.height, 2,
                               rb.origin.y - (ra.origin.y + ra.size.height)));
    }
}

static void
kts_blatt_ladder_dispose (GObject *object)
{
  KtsBlattLadder *self = KTS_BLATT_LADDER (object);

  if (self->marks != NULL)
    g_ptr_array_set_size (self->marks, 0);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (kts_blatt_ladder_parent_class)->dispose (object);
}

static void
kts_blatt_ladder_finalize (GObject *object)
{
  KtsBlattLadder *self = KTS_BLATT_LADDER (object);

  g_clear_pointer (&self->marks, g_ptr_array_unref);
  G_OBJECT_CLASS (kts_blatt_ladder_parent_class)->finalize (object);
}

static void
kts_blatt_ladder_class_init (KtsBlattLadderClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_blatt_ladder_dispose;
  object_class->finalize = kts_blatt_ladder_finalize;
  widget_class->snapshot = kts_blatt_ladder_snapshot;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "blattladder");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kts_blatt_ladder_init (KtsBlattLadder *self)
{
  self->marks = g_ptr_array_new ();
}

GtkWidget *
kts_blatt_ladder_new (KtsDimension dimension)
{
  KtsBlattLadder *self = g_object_new (KTS_TYPE_BLATT_LADDER, NULL);
  gboolean        sd = dimension == KTS_DIMENSION_SELF_DEFINITION;
  GtkWidget      *title;
  GtkWidget      *subtitle;

  self->dimension = dimension;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  title = label_new (sd ? _ ("Self-definition") : _ ("Relatedness"), "title-3");
  subtitle = label_new (sd ? _ ("The need to be a separate, distinct and self-governing person")
                           : _ ("The need to be connected, to belong and to be close"),
                        "dim-label");
  gtk_box_append (GTK_BOX (self->box), title);
  gtk_box_append (GTK_BOX (self->box), subtitle);

  self->rungs_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->rungs_box, "card");
  gtk_widget_add_css_class (self->rungs_box, "ladder");
  gtk_widget_set_margin_top (self->rungs_box, 12);
  gtk_box_append (GTK_BOX (self->box), self->rungs_box);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sd ? _ ("Self-definition in Blatt's list order")
                                     : _ ("Relatedness in Blatt's list order"),
                                  -1);
  return GTK_WIDGET (self);
}
