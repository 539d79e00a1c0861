package io.newshound.ingest.article;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An accepted article at its latest revision. */
@Entity
@Table(name = "article")
public class Article extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String url;

    @Column(name = "canonical_url", nullable = false, unique = true)
    public String canonicalUrl;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String body;

    @Column(nullable = false)
    public String source;

    public String language;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(name = "content_hash", nullable = false, columnDefinition = "bpchar(64)")
    public String contentHash;

    @Column(nullable = false)
    public int revision;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
