package dev.cellmonitor.cutover.backend.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a client or the legacy ORM can observe of a schema, read from information_schema and pg_catalog, as
 * sorted lines: columns (type, nullability, default), constraints (definition), indexes (definition),
 * sequences and enum labels. Tables the toolkit adds ({@code cutover_*}) and Flyway's history are left out.
 */
final class SchemaCatalog {

    private static final String OWN = "(%s NOT LIKE 'cutover\\_%%' AND %s <> 'flyway_schema_history')";

    private SchemaCatalog() {
    }

    static TreeSet<String> read(Connection c) throws SQLException {
        TreeSet<String> lines = new TreeSet<>();
        query(c, lines, "column", """
                SELECT table_name, column_name, data_type, udt_name, is_nullable, coalesce(column_default, ''),
                       coalesce(character_maximum_length::text, ''), coalesce(numeric_precision::text, ''),
                       coalesce(numeric_scale::text, ''), ordinal_position
                FROM information_schema.columns WHERE table_schema = 'public' AND %s""".formatted(own("table_name")));
        query(c, lines, "constraint", """
                SELECT rel.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
                FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
                JOIN pg_namespace n ON n.oid = rel.relnamespace
                WHERE n.nspname = 'public' AND %s""".formatted(own("rel.relname")));
        query(c, lines, "index", """
                SELECT tablename, indexname, indexdef FROM pg_indexes
                WHERE schemaname = 'public' AND %s""".formatted(own("tablename")));
        query(c, lines, "sequence", """
                SELECT sequence_name, data_type, start_value, increment, minimum_value, maximum_value
                FROM information_schema.sequences WHERE sequence_schema = 'public' AND %s"""
                .formatted(own("sequence_name")));
        query(c, lines, "enum", """
                SELECT t.typname, e.enumsortorder, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
                JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public'""");
        query(c, lines, "table", """
                SELECT table_name, table_type FROM information_schema.tables
                WHERE table_schema = 'public' AND %s""".formatted(own("table_name")));
        return lines;
    }

    private static String own(String column) {
        return OWN.formatted(column, column);
    }

    private static void query(Connection c, TreeSet<String> out, String kind, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> parts = new ArrayList<>();
                parts.add(kind);
                for (int i = 1; i <= n; i++) {
                    parts.add(String.valueOf(rs.getString(i)));
                }
                out.add(String.join(" | ", parts));
            }
        }
    }
}
