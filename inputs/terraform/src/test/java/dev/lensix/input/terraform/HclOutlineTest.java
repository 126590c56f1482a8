package dev.lensix.input.terraform;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HclOutlineTest {

    private static final Path EDGE = Path.of("src/test/resources/plans/edge");

    private static HclOutline outline(Path file) throws Exception {
        return HclOutline.of(Files.readString(file));
    }

    @Test
    void findsEachResourceBlockWithItsFirstAndLastLine() throws Exception {
        HclOutline main = outline(EDGE.resolve("main.tf"));
        HclOutline.Block kv = main.resource("azurerm_key_vault", "kv").orElseThrow();
        assertThat(kv.line()).isEqualTo(12);
        assertThat(kv.column()).isEqualTo(1);
        assertThat(kv.endLine()).isEqualTo(33);
        assertThat(main.resource("azurerm_key_vault_key", "pinned").orElseThrow().line())
                .as("braces in strings, templates and comments of the block before do not end it early or late").isEqualTo(35);
        assertThat(main.resource("azurerm_key_vault", "existing").orElseThrow().line()).isEqualTo(119);
        assertThat(main.resource("azurerm_key_vault_key", "shared")).as("a data block is no resource block").isEmpty();
        assertThat(main.size()).isEqualTo(8);
    }

    @Test
    void locatesArgumentsAndNestedBlocksByThePlansPaths() throws Exception {
        HclOutline.Block kv = outline(EDGE.resolve("main.tf")).resource("azurerm_key_vault", "kv").orElseThrow();
        assertThat(kv.find("purge_protection_enabled")).contains(new HclOutline.Place(19, 3));
        assertThat(kv.find("access_policy.0.object_id")).contains(new HclOutline.Place(30, 5));
        assertThat(kv.find("access_policy.0")).contains(new HclOutline.Place(28, 3));
        assertThat(kv.find("access_policy.0.certificate_permissions")).as("not set: the nearest enclosing block")
                .contains(new HclOutline.Place(28, 3));
        assertThat(kv.find("tags.note")).contains(new HclOutline.Place(22, 3));
        assertThat(kv.find("soft_delete_retention_days")).as("not set in the block").isEmpty();
    }

    @Test
    void aDynamicBlocksContentIsTheBlockAndHeredocsAreSkipped() throws Exception {
        HclOutline keys = outline(EDGE.resolve("modules/keys/main.tf"));
        HclOutline.Block key = keys.resource("azurerm_key_vault_key", "this").orElseThrow();
        assertThat(key.find("rotation_policy.0")).contains(new HclOutline.Place(12, 3));
        assertThat(key.find("rotation_policy.0.automatic.0.time_after_create")).contains(new HclOutline.Place(16, 9));
        assertThat(key.find("rotation_policy.0.expire_after")).contains(new HclOutline.Place(18, 7));
        assertThat(key.endLine()).isEqualTo(23);
        assertThat(keys.size()).isEqualTo(1);
    }

    @Test
    void repeatedBlocksAreCountedAndOneLinersRead() {
        HclOutline outline = HclOutline.of("""
                resource "azurerm_key_vault" "a" { name = "x${"}"}" }
                resource "azurerm_key_vault" "b" {
                  access_policy {
                    object_id = "1"
                  }
                  access_policy {
                    object_id = <<EOT
                }}}
                EOT
                  }
                  // resource "azurerm_key_vault" "commented" {
                }
                """);
        assertThat(outline.resource("azurerm_key_vault", "a").orElseThrow().find("name")).contains(new HclOutline.Place(1, 36));
        HclOutline.Block b = outline.resource("azurerm_key_vault", "b").orElseThrow();
        assertThat(b.find("access_policy.1.object_id")).contains(new HclOutline.Place(7, 5));
        assertThat(b.find("access_policy.0.object_id")).contains(new HclOutline.Place(4, 5));
        assertThat(b.endLine()).isEqualTo(12);
        assertThat(outline.resource("azurerm_key_vault", "commented")).isEmpty();
    }

    @Test
    void brokenTextGivesWhatCouldBeTold() {
        HclOutline outline = HclOutline.of("resource \"azurerm_key_vault\" \"a\" {\n  name = \"unterminated\n}\n}}}\nresource \"x\" \"y\" {");
        assertThat(outline.resource("azurerm_key_vault", "a")).isPresent();
    }
}
