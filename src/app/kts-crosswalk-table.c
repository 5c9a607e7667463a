/* kts-crosswalk-table.c: the crosswalk between repair stage models (brief A.6) as a table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-crosswalk-table"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-code-chip.h"
#include "kts-crosswalk-table.h"

static GtkWidget *
wrapped_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* "6S.1" for RES.6S.1_attend_marker: the stage number the table's readers
 * know; the four-stage and metacommunication names carry theirs already. */
static char *
chip_label (KtsCode *code)
{
  const char *key = kts_code_get_key (code);

  if (key != NULL && (g_str_has_prefix (key, "RES.6S.") || g_str_has_prefix (key, "RES.8S."))
      && g_ascii_isdigit (key[7]))
    return g_strdup_printf ("%.4s %s", key + 4, kts_code_get_name (code));
  return g_strdup (kts_code_get_name (code));
}

static GtkWidget *
cell_widget (KtsProject *project, const KtsCrosswalkCell *cell, const KtsStageModel *model)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (box, "crosswalk-cell");
  if (cell->keys->len == 0 && cell->texts->len == 0)
    {
      GtkWidget *dash = wrapped_label ("—", "dim-label");

      gtk_accessible_update_property (GTK_ACCESSIBLE (dash), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("No counterpart in this model"), -1);
      gtk_widget_set_tooltip_text (dash, _ ("No counterpart in this model"));
      gtk_box_append (GTK_BOX (box), dash);
      return box;
    }

  for (guint k = 0; k < cell->keys->len; k++)
    {
      const char *key = g_ptr_array_index (cell->keys, k);
      gboolean    within = k < cell->within->len && g_ptr_array_index (cell->within, k) != NULL;
      KtsCode    *code = kts_codebook_lookup_key (kts_project_get_codebook (project), key);
      g_autofree char *label = code != NULL ? chip_label (code) : NULL;
      GtkWidget       *chip = kts_code_chip_new_for_key (project, key, label);

      if (within)
        {
          GtkWidget       *line = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
          GtkWidget       *tag = wrapped_label (_ ("within"), "caption");
          g_autofree char *tip = g_strdup_printf (
              _ ("In %s this function is part of the stage, not a stage of its own"),
              model->heading != NULL ? model->heading : model->id);

          gtk_widget_add_css_class (tag, "dim-label");
          gtk_widget_add_css_class (chip, "within");
          gtk_widget_set_tooltip_text (line, tip);
          gtk_box_append (GTK_BOX (line), tag);
          gtk_box_append (GTK_BOX (line), chip);
          gtk_box_append (GTK_BOX (box), line);
        }
      else
        gtk_box_append (GTK_BOX (box), chip);
    }
  for (guint t = 0; t < cell->texts->len; t++)
    gtk_box_append (GTK_BOX (box),
                    wrapped_label (g_ptr_array_index (cell->texts, t), "crosswalk-note"));
  return box;
}

GtkWidget *
kts_crosswalk_table_new (KtsProject *project, const KtsCrosswalk *crosswalk)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *corner;

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (crosswalk != NULL, NULL);

  gtk_widget_add_css_class (grid, "crosswalk");
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Crosswalk between stage models"), -1);

  corner = wrapped_label (_ ("Function"), "heading");
  gtk_label_set_wrap (GTK_LABEL (corner), FALSE);
  gtk_label_set_yalign (GTK_LABEL (corner), 0);
  gtk_widget_set_halign (corner, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (corner, "crosswalk-header");
  gtk_widget_set_hexpand (corner, FALSE);
  gtk_grid_attach (GTK_GRID (grid), corner, 0, 0, 1, 1);

  for (guint m = 0; m < crosswalk->models->len; m++)
    {
      const KtsStageModel *model = g_ptr_array_index (crosswalk->models, m);
      GtkWidget           *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget           *title = wrapped_label (model->heading, "heading");
      GtkWidget           *name = wrapped_label (model->name, "caption");

      gtk_widget_add_css_class (name, "dim-label");
      gtk_widget_add_css_class (header, "crosswalk-header");
      gtk_widget_set_hexpand (header, TRUE);
      gtk_box_append (GTK_BOX (header), title);
      gtk_box_append (GTK_BOX (header), name);
      gtk_grid_attach (GTK_GRID (grid), header, (int)m + 1, 0, 1, 1);
    }

  for (guint r = 0; r < crosswalk->rows->len; r++)
    {
      const KtsCrosswalkRow *row = g_ptr_array_index (crosswalk->rows, r);
      GtkWidget             *function = wrapped_label (row->function, "crosswalk-function");

      gtk_label_set_max_width_chars (GTK_LABEL (function), 22);
      gtk_label_set_width_chars (GTK_LABEL (function), 16);
      gtk_widget_set_valign (function, GTK_ALIGN_FILL);
      gtk_widget_set_halign (function, GTK_ALIGN_FILL);
      gtk_label_set_yalign (GTK_LABEL (function), 0);
      gtk_widget_add_css_class (function, "heading");
      if (r % 2 == 1)
        gtk_widget_add_css_class (function, "odd");
      gtk_grid_attach (GTK_GRID (grid), function, 0, (int)r + 1, 1, 1);

      for (guint c = 0; c < row->n_cells && c < crosswalk->models->len; c++)
        {
          GtkWidget *cell
              = cell_widget (project, &row->cells[c], g_ptr_array_index (crosswalk->models, c));

          if (r % 2 == 1)
            gtk_widget_add_css_class (cell, "odd");
          gtk_grid_attach (GTK_GRID (grid), cell, (int)c + 1, (int)r + 1, 1, 1);
        }
    }
  return grid;
}
