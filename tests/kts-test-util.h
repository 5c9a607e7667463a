/* kts-test-util.h: helpers shared by the core tests (project dumps, checks).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-core.h"

G_BEGIN_DECLS

/* One line per property of @object ("name=value", sorted by name, strings
 * escaped, enums as nicks, items as guids), without list-valued properties. */
char *kts_test_dump_object (GObject *object);

/* A complete textual dump of @project: title, codebook (version, changelog,
 * every code depth-first with every property and its coding count),
 * coders, documents (properties, attributes, speakers, turns, codings),
 * cases, episodes (moves with anchors, edges) and the coding totals.
 * Two projects in the same state give the same text. */
char *kts_test_dump_project (KtsProject *project);

/* Asserts that two dumps are equal; on failure reports the first lines that
 * differ rather than both dumps whole. */
#define kts_test_assert_dumps_equal(a, b)                                                          \
  kts_test_assert_dumps_equal_impl (__FILE__, __LINE__, #a, #b, (a), (b))
void kts_test_assert_dumps_equal_impl (const char *file,
                                       int         line,
                                       const char *a_expr,
                                       const char *b_expr,
                                       const char *a,
                                       const char *b);

/* Asserts that the project's indexes agree with its contents: every item is
 * found by its guid and nothing else is indexed, coding counts are right,
 * codings are sorted, code parents match the tree. */
void kts_test_assert_consistent (KtsProject *project);

/* A small but complete project: a code tree with keys and shortcuts, two
 * documents with speakers, turns, attributes and codings, a coder, a case,
 * an episode with moves, anchors and edges. Undo history cleared, clean. */
KtsProject *kts_test_make_project (void);

G_END_DECLS
