/* kts-color-palette.c: a grid of named colours to pick a code's colour from.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-color-palette"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-color-palette.h"
#include "kts-color-swatch.h"

/* Okabe–Ito's colour-blind-safe set, plus GNOME palette tones for variety. */
static const struct
{
  const char *color;
  const char *name;
} palette[] = {
  { "#e69f00", N_ ("Orange") },
  { "#56b4e9", N_ ("Sky blue") },
  { "#009e73", N_ ("Bluish green") },
  { "#f0e442", N_ ("Yellow") },
  { "#0072b2", N_ ("Blue") },
  { "#d55e00", N_ ("Vermilion") },
  { "#cc79a7", N_ ("Reddish purple") },
  { "#9141ac", N_ ("Purple") },
  { "#865e3c", N_ ("Brown") },
  { "#2ec27e", N_ ("Green") },
  { "#e01b24", N_ ("Red") },
  { "#77767b", N_ ("Grey") },
};

struct _KtsColorPalette
{
  GtkWidget  parent_instance;
  GtkWidget *box;
  GtkWidget *fixed_grid;
  GtkWidget *used_label;
  GtkWidget *used_grid;
  char      *color;
  GPtrArray *buttons;
};

G_DEFINE_FINAL_TYPE (KtsColorPalette, kts_color_palette, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_COLOR,
  N_PROPS
};

enum
{
  COLOR_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

const char *
kts_color_palette_suggest (guint n)
{
  return palette[n % G_N_ELEMENTS (palette)].color;
}

static void
update_checks (KtsColorPalette *self)
{
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget  *button = g_ptr_array_index (self->buttons, i);
      const char *color = g_object_get_data (G_OBJECT (button), "kts-color");
      gboolean    selected = self->color != NULL && g_ascii_strcasecmp (color, self->color) == 0;

      if (selected)
        gtk_widget_add_css_class (button, "selected");
      else
        gtk_widget_remove_css_class (button, "selected");
      gtk_accessible_update_state (
          GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED,
          selected ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
    }
}

static void
swatch_clicked_cb (GtkButton *button, KtsColorPalette *self)
{
  const char *color = g_object_get_data (G_OBJECT (button), "kts-color");

  kts_color_palette_set_color (self, color);
  g_signal_emit (self, signals[COLOR_ACTIVATED], 0, color);
}

static GtkWidget *
make_button (KtsColorPalette *self, const char *color, const char *name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *swatch = kts_color_swatch_new (color);

  gtk_widget_set_size_request (swatch, 20, 20);
  gtk_button_set_child (GTK_BUTTON (button), swatch);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "palette-swatch");
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "kts-color", g_ascii_strdown (color, -1), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (swatch_clicked_cb), self);
  g_ptr_array_add (self->buttons, button);
  return button;
}

static void
kts_color_palette_dispose (GObject *object)
{
  KtsColorPalette *self = KTS_COLOR_PALETTE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (kts_color_palette_parent_class)->dispose (object);
}

static void
kts_color_palette_finalize (GObject *object)
{
  KtsColorPalette *self = KTS_COLOR_PALETTE (object);

  g_free (self->color);
  g_ptr_array_unref (self->buttons);
  G_OBJECT_CLASS (kts_color_palette_parent_class)->finalize (object);
}

static void
kts_color_palette_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsColorPalette *self = KTS_COLOR_PALETTE (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_color_palette_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KtsColorPalette *self = KTS_COLOR_PALETTE (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      kts_color_palette_set_color (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_color_palette_class_init (KtsColorPaletteClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_color_palette_dispose;
  object_class->finalize = kts_color_palette_finalize;
  object_class->get_property = kts_color_palette_get_property;
  object_class->set_property = kts_color_palette_set_property;

  properties[PROP_COLOR]
      = g_param_spec_string ("color", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[COLOR_ACTIVATED]
      = g_signal_new ("color-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "palette");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
make_grid (void)
{
  GtkWidget *grid = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (grid), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (grid), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (grid), 6);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (grid), TRUE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (grid), 4);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (grid), 4);
  gtk_widget_set_halign (grid, GTK_ALIGN_START);
  return grid;
}

static void
kts_color_palette_init (KtsColorPalette *self)
{
  self->buttons = g_ptr_array_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->fixed_grid = make_grid ();
  gtk_box_append (GTK_BOX (self->box), self->fixed_grid);
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    gtk_flow_box_append (GTK_FLOW_BOX (self->fixed_grid),
                         make_button (self, palette[i].color, _ (palette[i].name)));

  self->used_label = gtk_label_new (_ ("In This Codebook"));
  gtk_widget_add_css_class (self->used_label, "caption-heading");
  gtk_widget_add_css_class (self->used_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->used_label), 0);
  gtk_widget_set_margin_top (self->used_label, 6);
  gtk_widget_set_visible (self->used_label, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->used_label);

  self->used_grid = make_grid ();
  gtk_widget_set_visible (self->used_grid, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->used_grid);
}

static gboolean
in_fixed_palette (const char *color)
{
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    if (g_ascii_strcasecmp (palette[i].color, color) == 0)
      return TRUE;
  return FALSE;
}

GtkWidget *
kts_color_palette_new (KtsCodebook *codebook, guint max_used)
{
  KtsColorPalette *self = g_object_new (KTS_TYPE_COLOR_PALETTE, NULL);

  if (codebook != NULL)
    {
      g_autoptr (GPtrArray) codes = kts_codebook_list_codes (codebook);
      g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint n = 0;

      for (guint i = 0; i < codes->len && n < max_used; i++)
        {
          KtsCode    *code = g_ptr_array_index (codes, i);
          const char *color = kts_code_get_color (code);
          char       *lower;

          if (color == NULL || in_fixed_palette (color))
            continue;
          lower = g_ascii_strdown (color, -1);
          if (g_hash_table_contains (seen, lower))
            {
              g_free (lower);
              continue;
            }
          g_hash_table_add (seen, lower);
          {
            /* Name the colour after the first code that uses it. */
            g_autofree char *name
                = g_strdup_printf (_ ("Colour of “%s”"), kts_code_get_name (code));
            gtk_flow_box_append (GTK_FLOW_BOX (self->used_grid), make_button (self, lower, name));
          }
          n++;
        }
      gtk_widget_set_visible (self->used_label, n > 0);
      gtk_widget_set_visible (self->used_grid, n > 0);
    }

  return GTK_WIDGET (self);
}

const char *
kts_color_palette_get_color (KtsColorPalette *self)
{
  g_return_val_if_fail (KTS_IS_COLOR_PALETTE (self), NULL);
  return self->color;
}

void
kts_color_palette_set_color (KtsColorPalette *self, const char *color)
{
  g_return_if_fail (KTS_IS_COLOR_PALETTE (self));

  if (g_strcmp0 (self->color, color) == 0)
    return;
  g_free (self->color);
  self->color = g_strdup (color);
  update_checks (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}
