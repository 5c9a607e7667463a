/* kts-code-chip.c: small buttons that name a code and jump to it in the Codebook view.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-code-chip"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-code-chip.h"
#include "kts-color-swatch.h"
#include "kts-wrap-box.h"

GtkWidget *
kts_code_chip_new (KtsProject *project, KtsCode *code, const char *label)
{
  GtkWidget       *button = gtk_button_new ();
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget       *swatch;
  GtkWidget       *text;
  const char      *key = kts_code_get_key (code);
  gboolean         hidden = project != NULL && kts_project_hides_code (project, code);
  g_autofree char *a11y = NULL;

  g_return_val_if_fail (project == NULL || KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (KTS_IS_CODE (code), NULL);

  if (hidden)
    /* Not even its name, while theory is kept out of the analysis. */
    label = _ ("Hidden until step 5");
  else if (label == NULL)
    label = kts_code_get_name (code);

  if (hidden)
    {
      swatch = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
      gtk_widget_add_css_class (swatch, "dim-label");
    }
  else
    swatch = kts_color_swatch_new (kts_code_get_color (code));
  gtk_box_append (GTK_BOX (box), swatch);

  text = gtk_label_new (label);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
  /* One line where there is room; wrap only in narrow places. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (text), GTK_NATURAL_WRAP_NONE);
  gtk_box_append (GTK_BOX (box), text);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "code-chip");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_valign (button, GTK_ALIGN_START);

  if (hidden)
    {
      gtk_widget_set_sensitive (button, FALSE);
      /* Translators: tooltip of a code that bracketing hides */
      a11y = g_strdup_printf (_ ("%s: hidden until step 5"), key != NULL ? key : label);
    }
  else
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "codebook-view.show-code");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        kts_item_get_guid (KTS_ITEM (code)));
      if (key != NULL && g_strcmp0 (key, label) != 0)
        /* Translators: accessible name of a link to a code: "Autonomy (SD.autonomy)" */
        a11y = g_strdup_printf (_ ("%s (%s)"), label, key);
      else
        a11y = g_strdup (label);
    }
  gtk_widget_set_tooltip_text (button, key != NULL ? key : label);
  if (hidden)
    gtk_widget_set_tooltip_text (button, a11y);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  return button;
}

GtkWidget *
kts_code_chip_new_for_key (KtsProject *project, const char *key, const char *label)
{
  KtsCode         *code = NULL;
  GtkWidget       *missing;
  g_autofree char *text = NULL;

  g_return_val_if_fail (project == NULL || KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (project != NULL)
    code = kts_codebook_lookup_key (kts_project_get_codebook (project), key);
  if (code != NULL)
    return kts_code_chip_new (project, code, label);

  /* Translators: a code key that the project's codebook does not have */
  text = g_strdup_printf (_ ("%s (not in this codebook)"), key);
  missing = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (missing), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (missing), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (missing), 0);
  gtk_widget_add_css_class (missing, "code-chip-missing");
  gtk_widget_add_css_class (missing, "dim-label");
  gtk_widget_set_halign (missing, GTK_ALIGN_START);
  return missing;
}

GtkWidget *
kts_chip_box_new (void)
{
  GtkWidget *box = kts_wrap_box_new (6);

  gtk_widget_add_css_class (box, "chip-box");
  return box;
}

void
kts_chip_box_append (GtkWidget *box, GtkWidget *chip)
{
  g_return_if_fail (KTS_IS_WRAP_BOX (box));
  kts_wrap_box_append (KTS_WRAP_BOX (box), chip);
}
