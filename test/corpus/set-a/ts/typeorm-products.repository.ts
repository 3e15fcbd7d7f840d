import { Brackets, DataSource, EntityManager, Repository } from 'typeorm';
import { Product } from './entities/product.entity';

export class ProductRepository {
  private readonly repo: Repository<Product>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(Product);
  }

  findBySku(sku: string) {
    // expect: CWE-89 -- where() with a concatenated string parameter
    return this.repo.createQueryBuilder('p').where("p.sku = '" + sku + "'").getOne();
  }

  findBySkuBound(sku: string) {
    // ok: CWE-89 -- named parameter
    return this.repo.createQueryBuilder('p').where('p.sku = :sku', { sku }).getOne();
  }

  findById(id: string) {
    // expect: CWE-89 -- id declared as string concatenated into where()
    return this.repo.createQueryBuilder('p').where('p.id = ' + id).getOne();
  }

  byCategory(category: string, sortBy: string) {
    return this.repo
      // ok: CWE-89 -- constant alias
      .createQueryBuilder('p')
      // ok: CWE-89 -- constant relation and alias
      .leftJoinAndSelect('p.category', 'c')
      // ok: CWE-89 -- named parameter
      .where('c.slug = :category', { category })
      // expect: CWE-89 -- sort expression from the caller goes straight into ORDER BY
      .orderBy(sortBy)
      // ok: CWE-89 -- executes the builder (the injection point is the orderBy line above)
      .getMany();
  }

  searchNames(term: string) {
    // expect: CWE-89 -- Brackets callback with an interpolated parameter
    return this.repo.createQueryBuilder('p').where(new Brackets((qb) => qb.where(`p.name ILIKE '%${term}%'`).orWhere(`p.description ILIKE '%${term}%'`))).getMany();
  }

  priceStats(groupBy: string) {
    // expect: CWE-89 -- select/groupBy expression taken from a parameter
    return this.repo.createQueryBuilder('p').select(groupBy, 'bucket').addSelect('AVG(p.price)', 'avg').groupBy(groupBy).getRawMany();
  }

  withMinStock(min: string) {
    // expect: CWE-89 -- having() with a concatenated string
    return this.repo.createQueryBuilder('p').select('p.categoryId', 'categoryId').addSelect('SUM(p.stock)', 'stock').groupBy('p.categoryId').having('SUM(p.stock) > ' + min).getRawMany();
  }

  async restock(manager: EntityManager, sku: string, qty: number): Promise<void> {
    // ok: CWE-89 -- parameters
    await manager.query('UPDATE products SET stock = stock + $1 WHERE sku = $2', [qty, sku]);
    // expect: CWE-89 -- sku concatenated into the audit insert
    await manager.query("INSERT INTO stock_audit (sku, qty) VALUES ('" + sku + "', " + qty + ')');
  }

  softDeleteByVendor(vendor: string) {
    // expect: CWE-89 -- update().where() with an interpolated parameter
    return this.repo.createQueryBuilder().update(Product).set({ deleted: true }).where(`vendor = '${vendor}'`).execute();
  }

  withSupplierIn(country: string) {
    // expect: CWE-89 -- join condition built from a parameter
    return this.repo.createQueryBuilder('p').innerJoin('p.supplier', 's', `s.country = '${country}'`).getMany();
  }

  withSupplierInBound(country: string) {
    // ok: CWE-89 -- join condition with a named parameter
    return this.repo.createQueryBuilder('p').innerJoin('p.supplier', 's', 's.country = :country', { country }).getMany();
  }
}
