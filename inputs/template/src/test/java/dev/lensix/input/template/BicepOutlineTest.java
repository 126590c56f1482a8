package dev.lensix.input.template;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BicepOutlineTest {

    private static final String FILE = """
            // resource commented 'Microsoft.Fake/things@2020-01-01' = {
            param name string = 'kv-{not a brace}'

            @description('The vault; a } in a string is no brace')
            resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
              name: name
              properties: {
                enableSoftDelete: true
                accessPolicies: [
                  {
                    objectId: '0000'
                  }
                ]
                note: '''
                  multi-line: { text }
                  '''
              }

              resource key 'keys' = {
                name: 'cmk'
              }
            }

            resource shared 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
              name: 'kv-shared'
            }

            resource vaults 'Microsoft.RecoveryServices/vaults@2024-04-01' = [for i in range(0, 2): {
              name: 'rsv-${i}'
              sku: { name: 'Standard' }
            }]

            module keys 'modules/keys.bicep' = if (true) {
              name: 'keys'
            }
            """;

    @Test
    void findsEachDeclarationWithItsFullTypeLinesAndProperties() {
        BicepOutline outline = BicepOutline.parse(FILE);
        assertThat(outline.declarations()).extracting(BicepOutline.Declaration::symbol)
                .containsExactly("kv", "kv::key", "shared", "vaults", "keys");
        BicepOutline.Declaration kv = outline.bySymbol("kv").orElseThrow();
        assertThat(kv.line()).isEqualTo(5);
        assertThat(kv.end()).isEqualTo(22);
        assertThat(kv.properties()).containsKeys("name", "properties", "properties.enableSoftDelete",
                "properties.accessPolicies", "properties.note").doesNotContainKey("objectId");
        assertThat(kv.properties().get("properties.enableSoftDelete")).isEqualTo(new BicepOutline.Place(8, 5));
        BicepOutline.Declaration key = outline.bySymbol("kv::key").orElseThrow();
        assertThat(key.type()).isEqualTo("Microsoft.KeyVault/vaults/keys");
        assertThat(key.line()).isEqualTo(19);
        assertThat(outline.bySymbol("shared").orElseThrow().existing()).isTrue();
        assertThat(outline.ofType("Microsoft.KeyVault/vaults")).extracting(BicepOutline.Declaration::symbol).containsExactly("kv");
        BicepOutline.Declaration vaults = outline.bySymbol("vaults").orElseThrow();
        assertThat(vaults.end()).isEqualTo(31);
        assertThat(vaults.properties()).containsKeys("name", "sku"); // sku.name is on the sku line, which is where it points
        assertThat(outline.modules()).singleElement().satisfies(module -> {
            assertThat(module.modulePath()).isEqualTo("modules/keys.bicep");
            assertThat(module.line()).isEqualTo(33);
        });
    }
}
