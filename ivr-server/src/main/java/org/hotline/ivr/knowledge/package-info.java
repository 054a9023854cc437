/**
 * The knowledge base seats answer consultations from: articles as Markdown files with a YAML front matter under
 * {@code config/knowledge/} ({@link org.hotline.ivr.knowledge.ArticleFolder}), indexed in memory with Lucene and
 * its SmartChinese analyzer, which segments Chinese into words and stems English
 * ({@link org.hotline.ivr.knowledge.ArticleIndex}), and searched by {@link org.hotline.ivr.knowledge.KnowledgeBase}
 * (built at start, swapped whole on reload; a reload with a bad file keeps the previous index serving).
 */
package org.hotline.ivr.knowledge;
