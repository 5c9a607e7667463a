/* kts-contrast-card.c: one contrast card (brief C.4) as a widget: its sides side by side.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-contrast-card"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-code-chip.h"
#include "kts-contrast-card.h"

static GtkWidget *
text_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* A selectable label would take the focus first when the card appears. */
  gtk_widget_set_focusable (label, FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

gboolean
kts_contrast_card_hidden (KtsProject *project, const KtsContrastCard *card)
{
  g_return_val_if_fail (KTS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (card != NULL, FALSE);

  if (!kts_project_get_theory_locked (project))
    return FALSE;
  for (guint s = 0; s < card->sides->len; s++)
    {
      const KtsContrastSide *side = g_ptr_array_index (card->sides, s);

      for (guint k = 0; k < side->keys->len; k++)
        {
          KtsCode *code = kts_codebook_lookup_key (kts_project_get_codebook (project),
                                                   g_ptr_array_index (side->keys, k));
          if (code != NULL && kts_code_is_theory_layer (code))
            return TRUE;
        }
      for (guint k = 0; side->veils != NULL && k < side->veils->len; k++)
        if (g_ptr_array_index (side->veils, k) != NULL)
          return TRUE;
    }
  return FALSE;
}

void
kts_quote_label_style (GtkWidget *label)
{
  g_return_if_fail (GTK_IS_WIDGET (label));
  gtk_widget_add_css_class (label, "code-quote");
}

static const char *
actor_label (const char *actor)
{
  if (g_strcmp0 (actor, "therapist") == 0)
    return _ ("actor: therapist");
  if (g_strcmp0 (actor, "client") == 0)
    return _ ("actor: client");
  if (g_strcmp0 (actor, "dyad") == 0)
    return _ ("actor: dyad");
  if (g_strcmp0 (actor, "third") == 0)
    return _ ("actor: a third person");
  return actor;
}

static GtkWidget *
side_widget (KtsProject *project, const KtsContrastSide *side, const char *current_key)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *label = text_label (side->label, "heading");
  GtkWidget *codes = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gboolean   current = FALSE;

  gtk_widget_add_css_class (box, "contrast-side");
  gtk_box_append (GTK_BOX (box), label);

  for (guint k = 0; k < side->keys->len; k++)
    {
      const char *key = g_ptr_array_index (side->keys, k);
      const char *actor = side->actors != NULL && k < side->actors->len
                              ? g_ptr_array_index (side->actors, k)
                              : NULL;
      const char *veils
          = side->veils != NULL && k < side->veils->len ? g_ptr_array_index (side->veils, k) : NULL;
      GtkWidget *line = kts_chip_box_new ();

      current = current || g_strcmp0 (key, current_key) == 0;
      kts_chip_box_append (line, kts_code_chip_new_for_key (project, key, NULL));
      if (actor != NULL)
        kts_chip_box_append (line, text_label (actor_label (actor), "dim-label"));
      if (veils != NULL)
        {
          GtkWidget *word = text_label (_ ("veils"), "dim-label");

          gtk_widget_set_valign (word, GTK_ALIGN_CENTER);
          kts_chip_box_append (line, word);
          kts_chip_box_append (line, kts_code_chip_new_for_key (project, veils, NULL));
        }
      gtk_box_append (GTK_BOX (codes), line);
    }
  if (side->keys->len > 1)
    gtk_box_append (GTK_BOX (codes), text_label (_ ("Coded together on one passage"), "caption"));
  if (side->keys->len == 0)
    gtk_box_append (GTK_BOX (codes), text_label (_ ("Not a code"), "dim-label"));
  gtk_box_append (GTK_BOX (box), codes);

  if (side->cue != NULL)
    gtk_box_append (GTK_BOX (box), text_label (side->cue, "contrast-cue"));
  if (side->example != NULL)
    {
      GtkWidget *example = text_label (side->example, NULL);

      kts_quote_label_style (example);
      gtk_widget_set_vexpand (example, TRUE);
      gtk_widget_set_valign (example, GTK_ALIGN_END);
      gtk_box_append (GTK_BOX (box), example);
    }
  if (current)
    {
      gtk_widget_add_css_class (box, "current");
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _ ("The code shown"), -1);
    }
  return box;
}

GtkWidget *
kts_contrast_card_new (KtsProject *project, const KtsContrastCard *card, const char *current_key)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *sides;
  GtkWidget *title;

  g_return_val_if_fail (card != NULL, NULL);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "contrast-card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, card->title,
                                  -1);

  title = text_label (card->title, "title-4");
  gtk_box_append (GTK_BOX (box), title);
  if (card->tell_apart != NULL)
    gtk_box_append (GTK_BOX (box), text_label (card->tell_apart, "code-body"));

  for (guint i = 0; card->rules != NULL && i < card->rules->len; i++)
    {
      GtkWidget *rule = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *badge = gtk_label_new (_ ("Rule"));

      gtk_widget_add_css_class (rule, "contrast-rule");
      gtk_widget_add_css_class (badge, "tag");
      gtk_widget_set_valign (badge, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (rule), badge);
      gtk_box_append (GTK_BOX (rule), text_label (g_ptr_array_index (card->rules, i), NULL));
      gtk_box_append (GTK_BOX (box), rule);
    }

  sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
  for (guint s = 0; s < card->sides->len; s++)
    gtk_box_append (GTK_BOX (sides),
                    side_widget (project, g_ptr_array_index (card->sides, s), current_key));
  gtk_box_append (GTK_BOX (box), sides);
  return box;
}
