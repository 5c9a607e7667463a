/* kts-merge.c: bringing another project's codings of the same transcripts in.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two analysts often code copies of the same transcripts in separate project
 * files. Titles drift ("Interview 3" vs "int3_final"), texts do not, so
 * documents are matched by their text.
 */
#define G_LOG_DOMAIN "kts-merge"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-error.h"
#include "kts-merge.h"

void
kts_merge_report_free (KtsMergeReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->messages, g_ptr_array_unref);
  g_free (report);
}

static int
compare_strings (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

static KtsCode *
match_code (KtsCodebook *codebook, KtsCode *code)
{
  KtsCode *found = kts_codebook_lookup_guid (codebook, kts_item_get_guid (KTS_ITEM (code)));

  if (found == NULL && kts_code_get_key (code) != NULL)
    found = kts_codebook_lookup_key (codebook, kts_code_get_key (code));
  if (found == NULL)
    found = kts_codebook_resolve (codebook, kts_code_get_name (code), NULL);
  return found;
}

static KtsCoder *
target_coder (KtsProject *target, const char *name, GError **error)
{
  KtsCoder *coder = kts_project_find_coder (target, name);

  if (coder == NULL)
    {
      g_autoptr (KtsCoder) created = kts_coder_new (NULL, name);

      if (!kts_project_add_coder (target, created, error))
        return NULL;
      coder = created;
    }
  return coder;
}

KtsMergeReport *
kts_project_merge_codings (KtsProject *target,
                           KtsProject *source,
                           KtsCoder   *as_coder,
                           GError    **error)
{
  g_autoptr (GHashTable) by_text = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) unmatched_codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (KtsMergeReport) report = g_new0 (KtsMergeReport, 1);
  GListModel      *targets = kts_project_get_documents (target);
  GListModel      *sources = kts_project_get_documents (source);
  KtsCodebook     *codebook = kts_project_get_codebook (target);
  g_autofree char *label = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (target), NULL);
  g_return_val_if_fail (KTS_IS_PROJECT (source), NULL);

  report->messages = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (targets, i);
      if (!g_hash_table_contains (by_text, kts_document_get_text (document)))
        g_hash_table_insert (by_text, (gpointer)kts_document_get_text (document), document);
    }

  label = g_strdup_printf (_ ("Merge codings from “%s”"), kts_project_get_title (source)
                                                              ? kts_project_get_title (source)
                                                              : _ ("another project"));
  kts_project_begin_group (target, label);

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (sources, i);
      KtsDocument *match = g_hash_table_lookup (by_text, kts_document_get_text (document));
      GListModel  *codings = kts_document_get_codings (document);
      guint        n = g_list_model_get_n_items (codings);
      guint        n_hidden = 0;

      if (match == NULL)
        {
          if (n > 0)
            {
              report->documents_unmatched++;
              g_ptr_array_add (report->messages,
                               g_strdup_printf (_ ("“%s”: no transcript with the same text; its %u "
                                                   "codings were not merged."),
                                                kts_document_get_title (document), n));
              report->codings_skipped += n;
            }
          continue;
        }
      report->documents_matched++;
      if (!g_str_equal (kts_document_get_title (document), kts_document_get_title (match)))
        g_ptr_array_add (report->messages, g_strdup_printf (_ ("“%s” matched “%s” by its text."),
                                                            kts_document_get_title (document),
                                                            kts_document_get_title (match)));

      for (guint k = 0; k < n; k++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, k);
          KtsCode  *code = match_code (codebook, kts_coding_get_code (coding));
          KtsCoder *coder = as_coder;
          g_autoptr (KtsCoding) copy = NULL;

          /* A reference the other project still hides stays hidden. */
          if (kts_project_coding_is_hidden (source, coding))
            {
              n_hidden++;
              report->codings_skipped++;
              continue;
            }
          if (code == NULL)
            {
              g_hash_table_add (unmatched_codes,
                                (gpointer)kts_code_get_display_key (kts_coding_get_code (coding)));
              report->codings_skipped++;
              continue;
            }
          if (coder == NULL)
            {
              KtsCoder   *original = kts_coding_get_coder (coding);
              const char *name = original != NULL ? kts_coder_get_name (original)
                                 : kts_project_get_title (source) != NULL
                                     ? kts_project_get_title (source)
                                     : _ ("Merged");

              coder = target_coder (target, name, error);
              if (coder == NULL)
                {
                  kts_project_abort_group (target);
                  return NULL;
                }
            }

          copy = g_object_new (KTS_TYPE_CODING, "document", match, "start",
                               kts_coding_get_start (coding), "end", kts_coding_get_end (coding),
                               "code", code, "coder", coder, "actor", kts_coding_get_actor (coding),
                               "third-role", kts_coding_get_third_role (coding), "memo",
                               kts_coding_get_memo (coding), "created",
                               kts_coding_get_created (coding), NULL);
          if (!kts_project_add_coding (target, copy, error))
            {
              kts_project_abort_group (target);
              return NULL;
            }
          report->codings_added++;
        }
      if (n_hidden > 0)
        g_ptr_array_add (report->messages,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "“%s”: %u coding that an open practice set "
                                                       "hides was not merged.",
                                                       "“%s”: %u codings that an open practice set "
                                                       "hides were not merged.",
                                                       n_hidden),
                                          kts_document_get_title (document), n_hidden));
    }

  if (g_hash_table_size (unmatched_codes) > 0)
    {
      g_autofree const char **keys
          = (const char **)g_hash_table_get_keys_as_array (unmatched_codes, NULL);
      g_autofree char *list = NULL;

      g_qsort_with_data (keys, g_hash_table_size (unmatched_codes), sizeof (char *),
                         compare_strings, NULL);
      list = g_strjoinv (", ", (char **)keys);
      g_ptr_array_add (
          report->messages,
          g_strdup_printf (_ ("Codes not in this codebook, their codings skipped: %s."), list));
    }

  if (report->documents_matched == 0)
    {
      kts_project_abort_group (target);
      g_set_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND,
                   _ ("None of the transcripts of “%s” is in this project (transcripts are "
                      "matched by their text)."),
                   kts_project_get_title (source) ? kts_project_get_title (source) : "?");
      return NULL;
    }

  kts_project_end_group (target);
  return g_steal_pointer (&report);
}
