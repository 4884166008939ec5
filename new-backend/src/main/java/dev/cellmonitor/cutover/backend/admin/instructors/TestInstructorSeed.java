package dev.cellmonitor.cutover.backend.admin.instructors;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Seeds the instructor that every recorded scenario expects after a reset: id 1,
 * {@code instructor@example.com} / {@code password123}, name テスト講師, role instructor, offline. The SQL is the
 * classpath resource {@value #RESOURCE} (also usable with psql); it is idempotent.
 */
public final class TestInstructorSeed {

    public static final String RESOURCE = "admin/test-instructor.sql";
    public static final String EMAIL = "instructor@example.com";
    public static final String PASSWORD = "password123";

    private TestInstructorSeed() {
    }

    /** Runs the seed against a database that has the legacy schema. */
    public static void apply(DataSource dataSource) {
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
                new ClassPathResource(RESOURCE, TestInstructorSeed.class.getClassLoader()));
        populator.setSqlScriptEncoding("UTF-8");
        populator.execute(dataSource);
    }
}
